// `switchboard --demo`: starts switchboard-sandbox with the demo world as a child process and reports its
// URL.
#pragma once

#include <QObject>
#include <QProcess>
#include <QUrl>

namespace sb::app {

class DemoLauncher : public QObject {
    Q_OBJECT
public:
    explicit DemoLauncher(QObject *parent = nullptr);
    ~DemoLauncher() override;

    // Starts the sandbox (found next to this executable); emits ready() or failed() once.
    void start(const QStringList &extraArguments = {});
    static QString sandboxProgram();

Q_SIGNALS:
    void ready(const QUrl &baseUrl);
    void failed(const QString &error);

private:
    QProcess m_process;
    QByteArray m_stdout;
    bool m_reported = false;
};

} // namespace sb::app
