#include "PersonPage.h"

#include "Formatting.h"
#include "TimelineDelegate.h"
#include "models/TimelineModel.h"
#include "store/Queries.h"

#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sb::ui {

PersonPage::PersonPage(store::Queries *queries, QWidget *parent)
    : QWidget(parent)
    , m_queries(queries)
    , m_name(new QLabel(this))
    , m_emails(new QLabel(this))
    , m_payment(new QLabel(this))
    , m_identities(new QLabel(this))
    , m_error(new QLabel(this))
    , m_timelineStack(new QStackedWidget(this))
    , m_timelineEmpty(new QLabel(this))
    , m_timeline(new QTableView(this))
    , m_model(new models::TimelineModel(queries, this))
{
    QFont big = m_name->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_name->setFont(big);
    m_name->setObjectName(u"personName"_s);
    for (QLabel *l : {m_name, m_emails, m_error, m_timelineEmpty}) {
        l->setTextFormat(Qt::PlainText); // names and emails come from outside: never interpret them as markup
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
    }
    m_payment->setObjectName(u"paymentBadge"_s);
    m_payment->setTextFormat(Qt::PlainText);
    m_payment->setMargin(4);
    m_identities->setObjectName(u"identities"_s);
    m_identities->setTextFormat(Qt::RichText);
    m_identities->setOpenExternalLinks(true);
    m_identities->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_error->setObjectName(u"personError"_s);
    m_error->setStyleSheet(u"color: #b00020;"_s);
    m_error->hide();

    m_timeline->setObjectName(u"timeline"_s);
    m_timeline->setModel(m_model);
    m_timeline->setItemDelegate(new TimelineDelegate(m_timeline));
    m_timeline->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_timeline->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_timeline->setAlternatingRowColors(true);
    m_timeline->setWordWrap(false);
    m_timeline->verticalHeader()->hide();
    m_timeline->verticalHeader()->setDefaultSectionSize(m_timeline->fontMetrics().height() + 10);
    m_timeline->horizontalHeader()->setSectionResizeMode(models::TimelineModel::WhatColumn,
                                                         QHeaderView::Stretch);
    m_timeline->horizontalHeader()->setHighlightSections(false);
    m_timeline->setColumnWidth(models::TimelineModel::SystemColumn, 90);
    m_timeline->setColumnWidth(models::TimelineModel::TimeColumn, 170);
    m_timeline->setColumnWidth(models::TimelineModel::AmountColumn, 110);
    m_timeline->setAccessibleName(tr("Timeline"));

    m_timelineEmpty->setAlignment(Qt::AlignCenter);
    m_timelineEmpty->setText(tr("Nothing recorded for this person yet."));
    m_timelineStack->addWidget(m_timeline);
    m_timelineStack->addWidget(m_timelineEmpty);

    auto *header = new QHBoxLayout;
    header->addWidget(m_name, 1);
    header->addWidget(m_payment, 0, Qt::AlignRight | Qt::AlignVCenter);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_emails);
    layout->addWidget(m_identities);
    layout->addWidget(m_error);
    layout->addWidget(m_timelineStack, 1);

    connect(m_model, &models::TimelineModel::loadFailed, this, [this](const QString &e) {
        m_error->setText(tr("The timeline could not be read: %1").arg(e));
        m_error->show();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &PersonPage::updateTimelineState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &PersonPage::updateTimelineState);
}

void PersonPage::showPerson(qint64 personId)
{
    m_personId = personId;
    m_error->hide();
    auto details = m_queries->person(personId);
    if (!details) {
        m_name->setText(tr("Person not found"));
        m_emails->clear();
        m_identities->clear();
        m_payment->clear();
        m_error->setText(details.error().message);
        m_error->show();
        m_model->setPerson(0);
        return;
    }
    const PersonDetails &d = details.value();
    const QString name = d.person.displayName.isEmpty() ? tr("(no name)") : d.person.displayName;
    m_name->setText(name);
    m_emails->setText(d.emails.isEmpty() ? tr("No email known") : d.emails.join(u"  ·  "_s));
    // Rich text only for the links we build; every outside string in it is escaped.
    QStringList ids;
    for (const Identity &i : d.identities) {
        const QString label =
            models::providerLabel(i.provider).toHtmlEscaped() + u' ' + i.externalId.toHtmlEscaped();
        if (i.dashboardUrl.isValid())
            ids.append(u"<a href=\"%1\">%2</a>"_s.arg(
                i.dashboardUrl.toString(QUrl::FullyEncoded).toHtmlEscaped(), label));
        else
            ids.append(label);
    }
    m_identities->setText(ids.isEmpty() ? tr("Not linked to any provider account").toHtmlEscaped()
                                        : ids.join(u"&nbsp;&nbsp;&nbsp;"_s));
    m_identities->setToolTip(ids.isEmpty() ? QString() : tr("Open the account at the provider"));
    m_payment->setText(paymentStateText(d.payment));
    const QString tone = paymentStateTone(d.payment);
    const QString colors = tone == "good"_L1  ? u"background:#e3f4e8; color:#1d5e32;"_s
                           : tone == "bad"_L1 ? u"background:#fde4e4; color:#8a1c1c;"_s
                                              : u"background:#fff2d9; color:#6b4a00;"_s;
    m_payment->setStyleSheet(
        u"QLabel { %1 border-radius: 6px; padding: 4px 10px; font-weight: bold; }"_s.arg(colors));
    m_model->setPerson(personId);
    m_timeline->scrollToTop();
}

void PersonPage::reload()
{
    if (m_personId)
        showPerson(m_personId);
}

void PersonPage::updateTimelineState()
{
    m_timelineStack->setCurrentWidget(m_model->rowCount() > 0 || !m_model->lastError().isEmpty()
                                          ? static_cast<QWidget *>(m_timeline)
                                          : m_timelineEmpty);
}

QString PersonPage::headerText() const
{
    return QStringList{m_name->text(), m_emails->text(), m_payment->text(), m_identities->text()}.join(u'\n');
}

} // namespace sb::ui
