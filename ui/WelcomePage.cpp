#include "WelcomePage.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sb::ui {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"welcomePage"_s);
    auto *title = new QLabel(tr("Welcome to Switchboard"), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    title->setFont(f);
    auto *text = new QLabel(
        tr("Switchboard keeps Stripe, Circle and Kit in one place, so you can see who paid, who has "
           "access and who gets your emails, and where the three disagree.\n\n"
           "Nothing is connected yet."),
        this);
    text->setWordWrap(true);
    text->setTextFormat(Qt::PlainText);
    auto *demo = new QPushButton(tr("Explore the demo community"), this);
    demo->setObjectName(u"openDemo"_s);
    demo->setToolTip(
        tr("Opens a second window on a sandbox with 200 made-up members; nothing real is touched"));
    auto *connectButton = new QPushButton(tr("Connect your accounts…"), this);
    connectButton->setObjectName(u"connectAccounts"_s);
    connectButton->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(title, 0, Qt::AlignHCenter);
    layout->addWidget(text);
    layout->addSpacing(12);
    layout->addWidget(connectButton, 0, Qt::AlignHCenter);
    layout->addWidget(demo, 0, Qt::AlignHCenter);
    layout->addStretch(2);
    layout->setContentsMargins(60, 20, 60, 20);
    connect(demo, &QPushButton::clicked, this, &WelcomePage::demoRequested);
    connect(connectButton, &QPushButton::clicked, this, &WelcomePage::connectRequested);
}

} // namespace sb::ui
