// The headless subcommands (DESIGN.md "Command line"). Each returns the process exit code:
// 0 ok, 1 nothing found / verification failed, 2 usage error, 3 provider or I/O error.
#pragma once

#include <QStringList>

namespace sb::app {

// 1 also means "open findings" for reconcile (DESIGN.md: findings or a failed verification).
enum ExitCode { ExitOk = 0, ExitNotFound = 1, ExitFindings = 1, ExitUsage = 2, ExitIo = 3 };

bool isSubcommand(const QString &word);
// Runs inside a QCoreApplication; may run its event loop (sync).
int runCli(const QStringList &arguments);

} // namespace sb::app
