#include "DemoLauncher.h"

#include <QCoreApplication>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace sb::app {

DemoLauncher::DemoLauncher(QObject *parent)
    : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setReadChannel(QProcess::StandardOutput);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, [this] {
        m_stdout += m_process.readAllStandardOutput();
        const qsizetype nl = m_stdout.indexOf('\n');
        if (m_reported || nl < 0)
            return;
        const QUrl url(QString::fromUtf8(m_stdout.left(nl)).trimmed(), QUrl::StrictMode);
        m_reported = true;
        if (url.isValid() && url.scheme() == "http"_L1)
            Q_EMIT ready(url);
        else
            Q_EMIT failed(tr("the sandbox printed no base URL"));
    });
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (m_reported)
            return;
        m_reported = true;
        Q_EMIT failed(e == QProcess::FailedToStart ? tr("cannot start %1").arg(sandboxProgram())
                                                   : tr("the sandbox stopped unexpectedly"));
    });
    connect(&m_process, &QProcess::finished, this, [this](int code) {
        if (m_reported)
            return;
        m_reported = true;
        Q_EMIT failed(tr("the sandbox exited with code %1: %2")
                          .arg(code)
                          .arg(QString::fromUtf8(m_process.readAllStandardError()).trimmed().left(300)));
    });
}

DemoLauncher::~DemoLauncher()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(2000))
            m_process.kill();
        m_process.waitForFinished(1000);
    }
}

QString DemoLauncher::sandboxProgram()
{
    return QCoreApplication::applicationDirPath() + "/switchboard-sandbox"_L1;
}

void DemoLauncher::start(const QStringList &extraArguments)
{
    const QString program = sandboxProgram();
    if (!QFileInfo(program).isExecutable()) {
        m_reported = true;
        Q_EMIT failed(tr("%1 is missing; build it with ./build.sh").arg(program));
        return;
    }
    m_process.start(program, QStringList{u"--demo"_s, u"--port"_s, u"0"_s} + extraArguments);
}

} // namespace sb::app
