#include "EmptyState.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sb::ui {

EmptyState::EmptyState(const QString &name, const QString &buttonText, const QString &buttonName,
                       QWidget *parent, Kind kind)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_button(new QPushButton(buttonText, this))
{
    m_title->setObjectName(name);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    if (kind == Error) {
        m_title->setStyleSheet(u"color: #b00020;"_s);
        m_detail->hide();
    } else {
        QFont larger = m_title->font();
        larger.setPointSizeF(larger.pointSizeF() * 1.3);
        m_title->setFont(larger);
    }
    m_detail->setObjectName(name + u"Detail"_s);
    m_detail->setAlignment(Qt::AlignCenter);
    m_detail->setTextFormat(Qt::PlainText);
    m_detail->setWordWrap(true);
    m_button->setObjectName(buttonName);
    auto *box = new QVBoxLayout(this);
    box->setContentsMargins(80, 0, 80, 0); // a readable measure for the wrapped explanation
    box->addStretch(1);
    box->addWidget(m_title);
    box->addWidget(m_detail);
    box->addWidget(m_button, 0, Qt::AlignCenter);
    box->addStretch(2);
}

QString EmptyState::text() const
{
    return m_title->text() + u'\n' + m_detail->text();
}

} // namespace sb::ui
