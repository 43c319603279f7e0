// First run: nothing is connected yet. Offers the demo world or connecting real accounts.
#pragma once

#include <QWidget>

namespace sb::ui {

class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

Q_SIGNALS:
    void demoRequested();
    void connectRequested();
};

} // namespace sb::ui
