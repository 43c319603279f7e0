#include "LiveReceiver.h"

#include "ReceiverChip.h"
#include "sync/SyncEngine.h"

#include <QAction>
#include <QWidget>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::ui {

LiveReceiver::LiveReceiver(sync::SyncEngine *engine, const WebhookSettings &settings, QWidget *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_port(quint16(std::clamp(settings.port, 0, 65535)))
    , m_action(new QAction(tr("Receive &live events"), this))
    , m_chip(new ReceiverChip(parent))
{
    m_action->setObjectName(u"receiveLiveEvents"_s);
    m_action->setCheckable(true);
    m_action->setToolTip(tr("Take Stripe and Kit events forwarded to 127.0.0.1:%1 (for example by `stripe "
                            "listen --forward-to`) as they happen")
                             .arg(m_port));
    const bool stripe = !webhookSecrets(settings.stripeSecret).isEmpty();
    const bool kit = !webhookSecrets(settings.kitSecret).isEmpty();
    if (!stripe && !kit)
        m_chip->setNote(
            tr("No webhook signing secret is set, so every delivery would be refused. Add it on the "
               "Connections page."));
    else if (!stripe || !kit)
        m_chip->setNote(stripe ? tr("Only Stripe events can be verified (no Kit signing secret is set).")
                               : tr("Only Kit events can be verified (no Stripe signing secret is set)."));
    if (!m_engine) {
        m_action->setEnabled(false);
        m_action->setToolTip(tr("Connect Stripe or Kit first"));
        m_chip->setEnabled(false);
        return;
    }
    connect(m_action, &QAction::toggled, this, &LiveReceiver::setOn);
    connect(m_chip, &QToolButton::clicked, m_action, &QAction::toggle);
    connect(m_engine, &sync::SyncEngine::receiverChanged, this,
            [this](const QUrl &url, const QString &error) {
                m_chip->receiverChanged(url, error);
                // It stopped or could not start: the action says what is true, without asking to stop it
                // again.
                if (!url.isValid() && m_action->isChecked()) {
                    const QSignalBlocker block(m_action);
                    m_action->setChecked(false);
                }
            });
    connect(m_engine, &sync::SyncEngine::webhookReceived, this, [this](const sync::WebhookReport &report) {
        m_chip->webhookReceived(report);
        if (report.applied > 0)
            Q_EMIT cacheChanged();
    });
    connect(m_engine, &sync::SyncEngine::webhookRefused, m_chip, &ReceiverChip::webhookRefused);
    if (settings.receiverOnAtStart)
        m_action->setChecked(true);
}

void LiveReceiver::setOn(bool on)
{
    if (on) {
        m_chip->setStarting();
        m_engine->startReceiver(m_port);
    } else {
        m_engine->stopReceiver();
    }
}

} // namespace sb::ui
