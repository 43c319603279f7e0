// `switchboard listen` (the live webhook receiver, headless) and `switchboard doctor` (launch readiness).
#pragma once

#include <QCommandLineParser>

namespace sb::app {

struct Common;
void addLiveOptions(QCommandLineParser &p);
int runListen(QCommandLineParser &p, Common &c);
int runDoctor(QCommandLineParser &p, Common &c);

} // namespace sb::app
