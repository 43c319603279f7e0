#include "common/Log.h"

Q_LOGGING_CATEGORY(lcStore, "switchboard.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "switchboard.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStripe, "switchboard.sync.stripe", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "switchboard.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcIdentity, "switchboard.identity", QtInfoMsg)
Q_LOGGING_CATEGORY(lcModels, "switchboard.models", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConfig, "switchboard.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWebhooks, "switchboard.webhooks", QtInfoMsg)
