// `switchboard fix`: a finding's fix plan as a dry run, or applied with --apply.
#pragma once

#include <QCommandLineParser>

namespace sb::app {

struct Common;
int runFix(QCommandLineParser &p, Common &c);

} // namespace sb::app
