// The journey check: for the people behind the last N payments in the cache, how long each step of their
// journey took — payment, then access in Circle, the tag and the onboarding sequence in Kit — flagging a step
// that is missing or took longer than the policy's grace (the same grace the findings use). Reads the cache
// only; runs off the GUI thread (Doctor runs it on a thread of its own with its own connection).
#pragma once

#include "common/Config.h"
#include "common/Time.h"
#include "doctor/Check.h"

#include <QSqlDatabase>

namespace sb::doctor {

QList<Check> journeyChecks(QSqlDatabase db, const Config &config, int payments, Millis now);

} // namespace sb::doctor
