// `switchboard audit export` and `switchboard audit verify`: the audit log out to a file, and its chain
// checked.
#pragma once

#include <QCommandLineParser>

namespace sb::app {

struct Common;
// The options only the audit commands read (--format, --since, --until, --person, --action, -o, --head,
// --as).
void addAuditOptions(QCommandLineParser &p);
int runAudit(QCommandLineParser &p, Common &c);

} // namespace sb::app
