#include "PersonPage.h"

#include "Formatting.h"
#include "TimelineDelegate.h"
#include "models/TimelineModel.h"
#include "store/Queries.h"

#include <QAction>
#include <QButtonGroup>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QFrame>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSet>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace {
// Light tint and dark text per tone: the pair is fixed, so it stays readable under any palette.
struct ToneColors {
    QLatin1StringView background;
    QLatin1StringView text;
};

ToneColors colorsOf(SystemStatus::Tone tone)
{
    switch (tone) {
    case SystemStatus::Tone::Good:
        return {"#e3f4e8"_L1, "#1d5e32"_L1};
    case SystemStatus::Tone::Warning:
        return {"#fff2d9"_L1, "#6b4a00"_L1};
    case SystemStatus::Tone::Bad:
        return {"#fde4e4"_L1, "#8a1c1c"_L1};
    case SystemStatus::Tone::Neutral:
        break;
    }
    return {"#eeeeee"_L1, "#3c3c3c"_L1};
}

SystemStatus::Tone paymentTone(const PaymentState &payment)
{
    if (payment.kind == PaymentState::Kind::None)
        return SystemStatus::Tone::Neutral;
    const QString tone = paymentStateTone(payment);
    return tone == "good"_L1  ? SystemStatus::Tone::Good
           : tone == "bad"_L1 ? SystemStatus::Tone::Bad
                              : SystemStatus::Tone::Warning;
}

// Button texts treat '&' as a mnemonic marker; names from outside must show it as it is.
QString buttonText(QString text)
{
    return text.replace(u'&', u"&&"_s);
}

QString candidateText(const SamePersonCandidate &c)
{
    if (c.displayName.isEmpty() || c.displayName == c.email)
        return c.email.isEmpty() ? PersonPage::tr("person %1").arg(c.personId) : c.email;
    return c.email.isEmpty() ? c.displayName : u"%1 <%2>"_s.arg(c.displayName, c.email);
}

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setTextFormat(
        Qt::PlainText); // names, emails and ids come from outside: never interpret them as markup
    l->setText(text);
    return l;
}

const QString kAllProviders;
} // namespace

PersonPage::PersonPage(store::Queries *queries, QWidget *parent)
    : QWidget(parent)
    , m_queries(queries)
    , m_name(new QLabel(this))
    , m_emails(new QLabel(this))
    , m_payment(new QLabel(this))
    , m_details(new QWidget(this))
    , m_layout(new QVBoxLayout(this))
    , m_error(new QLabel(this))
    , m_systemFilter(new QButtonGroup(this))
    , m_kindFilter(new QComboBox(this))
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
    m_emails->setObjectName(u"personEmails"_s);
    for (QLabel *l : {m_name, m_emails, m_error, m_timelineEmpty}) {
        l->setTextFormat(Qt::PlainText); // names and emails come from outside: never interpret them as markup
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
    }
    m_payment->setObjectName(u"paymentBadge"_s);
    m_payment->setTextFormat(Qt::PlainText);
    m_payment->setMargin(4);
    m_error->setObjectName(u"personError"_s);
    m_error->setStyleSheet(u"color: #b00020;"_s);
    m_error->hide();

    // Which rows to show: one system or all, and one kind or all.
    auto *filterBar = new QHBoxLayout;
    filterBar->setSpacing(4);
    filterBar->addWidget(new QLabel(tr("Show:"), this));
    m_systemFilter->setExclusive(true);
    const QList<std::pair<QString, QString>> systems = {
        {kAllProviders, tr("All systems")},
        {provider::Stripe, models::providerLabel(provider::Stripe)},
        {provider::Circle, models::providerLabel(provider::Circle)},
        {provider::Kit, models::providerLabel(provider::Kit)}};
    for (const auto &[providerName, label] : systems) {
        auto *b = new QToolButton(this);
        b->setText(label);
        b->setCheckable(true);
        b->setFocusPolicy(Qt::StrongFocus);
        b->setObjectName(providerName.isEmpty() ? u"filter:all"_s : u"filter:"_s + providerName);
        b->setProperty("provider", providerName);
        b->setToolTip(providerName.isEmpty() ? tr("Show rows from every system")
                                             : tr("Show only %1 rows").arg(label));
        m_systemFilter->addButton(b, int(m_systemFilter->buttons().size()));
        filterBar->addWidget(b);
    }
    m_systemFilter->button(0)->setChecked(true);
    filterBar->addSpacing(12);
    m_kindFilter->setObjectName(u"kindFilter"_s);
    m_kindFilter->setAccessibleName(tr("Kind of row"));
    m_kindFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_kindFilter->setMinimumContentsLength(18);
    filterBar->addWidget(m_kindFilter);
    filterBar->addStretch(1);

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
    m_timelineStack->addWidget(m_timeline);
    m_timelineStack->addWidget(m_timelineEmpty);

    auto *header = new QHBoxLayout;
    header->addWidget(m_name, 1);
    header->addWidget(m_payment, 0, Qt::AlignRight | Qt::AlignVCenter);

    m_layout->addLayout(header);
    m_layout->addWidget(m_emails);
    m_layout->addWidget(m_details);
    m_layout->addSpacing(4);
    m_layout->addLayout(filterBar);
    m_layout->addWidget(m_error);
    m_layout->addWidget(m_timelineStack, 1);

    connect(m_model, &models::TimelineModel::loadFailed, this, [this](const QString &e) {
        m_error->setText(tr("The timeline could not be read: %1").arg(e));
        m_error->show();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &PersonPage::updateTimelineState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &PersonPage::updateTimelineState);
    connect(m_systemFilter, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (!checked)
            return;
        updateFilterChoices();
        applyFilter();
    });
    connect(m_kindFilter, &QComboBox::currentIndexChanged, this, &PersonPage::applyFilter);
}

void PersonPage::showPerson(qint64 personId)
{
    const bool samePerson = personId == m_personId;
    m_personId = personId;
    m_error->hide();
    m_headerLines.clear();
    auto details = m_queries->person(personId);
    if (!details) {
        m_name->setText(tr("Person not found"));
        m_emails->clear();
        m_payment->clear();
        m_payment->setStyleSheet({});
        replaceDetails(new QWidget(this));
        m_error->setText(details.error().message);
        m_error->show();
        m_kinds.clear();
        m_model->setPerson(0);
        return;
    }
    const PersonDetails &d = details.value();
    const QString name = d.person.displayName.isEmpty() ? tr("(no name)") : d.person.displayName;
    m_name->setText(name);
    m_emails->setText(d.emails.isEmpty() ? tr("No email known") : d.emails.join(u"  ·  "_s));
    m_payment->setText(paymentStateText(d.payment));
    const QString tone = paymentStateTone(d.payment);
    const QString colors = tone == "good"_L1  ? u"background:#e3f4e8; color:#1d5e32;"_s
                           : tone == "bad"_L1 ? u"background:#fde4e4; color:#8a1c1c;"_s
                                              : u"background:#fff2d9; color:#6b4a00;"_s;
    m_payment->setStyleSheet(
        u"QLabel { %1 border-radius: 6px; padding: 4px 10px; font-weight: bold; }"_s.arg(colors));
    replaceDetails(buildDetails(d));

    auto kinds = m_queries->timelineKinds(personId);
    m_kinds = kinds ? kinds.value() : QList<std::pair<QString, QString>>{};
    if (!kinds) {
        m_error->setText(tr("The timeline could not be read: %1").arg(kinds.error().message));
        m_error->show();
    }
    {
        // Set the filter controls quietly; the model is loaded once below.
        const QSignalBlocker blockGroup(m_systemFilter);
        const QSignalBlocker blockKinds(m_kindFilter);
        if (!samePerson) {
            m_systemFilter->button(0)->setChecked(true);
            m_kindFilter->setCurrentIndex(0);
        }
        updateFilterChoices();
    }
    m_model->setPerson(personId);
    applyFilter();
    if (!samePerson)
        m_timeline->scrollToTop();
}

void PersonPage::reload()
{
    if (m_personId)
        showPerson(m_personId);
}

QWidget *PersonPage::buildDetails(const PersonDetails &d)
{
    auto *box = new QWidget(this);
    box->setObjectName(u"personDetails"_s);
    auto *rows = new QVBoxLayout(box);
    rows->setContentsMargins(0, 4, 0, 0);
    rows->setSpacing(4);
    auto identitiesOf = [&d](const QString &p) {
        QList<Identity> out;
        for (const Identity &i : d.identities) {
            if (i.provider == p)
                out.append(i);
        }
        return out;
    };
    const QList<Identity> stripe = identitiesOf(provider::Stripe);
    const QString stripeStatus = stripe.isEmpty() && d.payment.kind == PaymentState::Kind::None
                                     ? tr("Not a customer")
                                     : paymentStateText(d.payment);
    rows->addWidget(
        systemRow(provider::Stripe, stripeStatus, paymentTone(d.payment), int(stripe.size()), stripe));
    // What paying buys is access: someone who paid and is in no Circle access group is the first thing a
    // founder looks for, so that row says it and takes at least a warning's colour.
    SystemStatus::Tone circleTone = d.circle.tone;
    QStringList circleNotes;
    if (paymentTone(d.payment) == SystemStatus::Tone::Good && d.circle.groups.isEmpty()) {
        circleTone = std::max(circleTone, SystemStatus::Tone::Warning);
        circleNotes.append(d.circle.present ? tr("Paid but no access group") : tr("Paid but not in Circle"));
    }
    rows->addWidget(systemRow(provider::Circle, systemStatusText(d.circle), circleTone, d.circle.accounts,
                              identitiesOf(provider::Circle), circleNotes));
    rows->addWidget(systemRow(provider::Kit, systemStatusText(d.kit), d.kit.tone, d.kit.accounts,
                              identitiesOf(provider::Kit)));
    if (!d.candidates.isEmpty())
        rows->addWidget(candidatesRow(d.candidates));
    return box;
}

QWidget *PersonPage::systemRow(const QString &providerName, const QString &status, SystemStatus::Tone tone,
                               int accounts, const QList<Identity> &identities, const QStringList &notes)
{
    const ToneColors colors = colorsOf(tone);
    const QString system = models::providerLabel(providerName);
    auto *row = new QFrame(this);
    row->setObjectName(u"systemRow"_s);
    // The tint is on this frame only; its labels take the tone's text colour, buttons keep the style's look.
    row->setStyleSheet(
        u"QFrame#systemRow { background: %1; border-radius: 6px; } QLabel { color: %2; }"_s.arg(
            colors.background, colors.text));
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(10, 4, 6, 4);
    h->setSpacing(8);
    // Rows without buttons as tall as rows with them, so the three read as one table.
    row->setMinimumHeight(QPushButton(tr("Copy id")).sizeHint().height() + 8);

    auto *name = plainLabel(system, row);
    QFont bold = name->font();
    bold.setBold(true);
    name->setFont(bold);
    // The same width for every system, so the statuses line up in a column.
    int nameWidth = 0;
    for (const QString &p : {provider::Stripe, provider::Circle, provider::Kit})
        nameWidth = std::max(nameWidth, QFontMetrics(bold).horizontalAdvance(models::providerLabel(p)));
    name->setFixedWidth(nameWidth + 8);
    h->addWidget(name, 0, Qt::AlignVCenter);

    auto *statusLabel = plainLabel(status, row);
    statusLabel->setObjectName(u"status:"_s + providerName);
    statusLabel->setWordWrap(true);
    statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusLabel->setAccessibleName(tr("%1: %2").arg(system, status));
    if (tone == SystemStatus::Tone::Bad)
        statusLabel->setFont(bold);
    h->addWidget(statusLabel, 1);

    QString line = tr("%1: %2").arg(system, status);
    auto addChip = [&](const QString &text, const QString &objectName, const QString &toolTip) {
        auto *chip = plainLabel(u"⚠ "_s + text, row);
        chip->setObjectName(objectName);
        chip->setStyleSheet(u"QLabel { background: #fff2d9; color: #6b4a00; border: 1px solid #e0b252;"
                            " border-radius: 4px; padding: 1px 6px; font-weight: bold; }"_s);
        chip->setToolTip(toolTip);
        h->addWidget(chip, 0, Qt::AlignVCenter);
        line += u" · "_s + text;
    };
    for (const QString &note : notes)
        addChip(note, u"note:"_s + providerName, {});
    if (accounts > 1)
        addChip(tr("%1 accounts").arg(accounts), u"accounts:"_s + providerName,
                tr("This person has %1 separate %2 accounts; one of them may be a duplicate.")
                    .arg(QString::number(accounts), system));
    m_headerLines.append(line);

    // Per account: its id, a way to open it at the provider, and a way to copy the id.
    auto *accountsBox = new QVBoxLayout;
    accountsBox->setSpacing(2);
    for (const Identity &i : identities) {
        auto *a = new QHBoxLayout;
        a->setSpacing(4);
        auto *id = plainLabel(i.externalId, row);
        id->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QFont small = id->font();
        if (small.pointSizeF() > 0)
            small.setPointSizeF(small.pointSizeF() * 0.9);
        id->setFont(small);
        a->addWidget(id);
        if (i.dashboardUrl.isValid()) {
            auto *open = new QPushButton(tr("Open in %1").arg(system), row);
            open->setObjectName(u"open:%1:%2"_s.arg(i.provider, i.externalId));
            open->setAutoDefault(false);
            open->setToolTip(plainToolTip(i.dashboardUrl.toDisplayString()));
            const QUrl url = i.dashboardUrl;
            connect(open, &QPushButton::clicked, this, [url] { QDesktopServices::openUrl(url); });
            a->addWidget(open);
        }
        auto *copy = new QPushButton(tr("Copy id"), row);
        copy->setObjectName(u"copyId:%1:%2"_s.arg(i.provider, i.externalId));
        copy->setAutoDefault(false);
        copy->setToolTip(plainToolTip(tr("Copy %1 to the clipboard").arg(i.externalId)));
        copy->setAccessibleName(tr("Copy the %1 id").arg(system));
        const QString externalId = i.externalId;
        connect(copy, &QPushButton::clicked, copy, [copy, externalId] {
            QGuiApplication::clipboard()->setText(externalId);
            copy->setText(tr("Copied"));
            QTimer::singleShot(1500, copy, [copy] { copy->setText(tr("Copy id")); });
        });
        a->addWidget(copy);
        accountsBox->addLayout(a);
    }
    h->addLayout(accountsBox);
    return row;
}

QWidget *PersonPage::candidatesRow(const QList<SamePersonCandidate> &candidates)
{
    auto *row = new QWidget(this);
    row->setObjectName(u"candidates"_s);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(10, 0, 6, 0);
    h->setSpacing(6);
    // Links grouped by reason in one wrapping label; beyond a few, the rest wait behind a menu so a long
    // list never pushes the timeline off the page. Rich text for the links only: every name is escaped.
    constexpr qsizetype kInline = 6;
    const QString intro = tr("Possibly the same person:");
    QStringList reasons, said;
    QHash<QString, QStringList> links;
    QToolButton *more = nullptr;
    QMenu *moreMenu = nullptr;
    for (qsizetype n = 0; n < candidates.size(); ++n) {
        const SamePersonCandidate &c = candidates.at(n);
        const QString who = candidateText(c);
        const QString why = candidateReasonText(c.reason);
        said.append(tr("%1 (%2)").arg(who, why));
        if (n < kInline) {
            if (!reasons.contains(c.reason))
                reasons.append(c.reason);
            links[c.reason].append(
                u"<a href=\"person:%1\">%2</a>"_s.arg(QString::number(c.personId), who.toHtmlEscaped()));
            continue;
        }
        if (!more) {
            more = new QToolButton(row);
            more->setObjectName(u"moreCandidates"_s);
            more->setText(tr("%1 more").arg(candidates.size() - kInline));
            more->setPopupMode(QToolButton::InstantPopup);
            more->setFocusPolicy(Qt::StrongFocus);
            moreMenu = new QMenu(more);
            more->setMenu(moreMenu);
        }
        const qint64 id = c.personId;
        QAction *open = moreMenu->addAction(buttonText(u"%1 — %2"_s.arg(who, why)));
        open->setObjectName(u"candidate:%1"_s.arg(id));
        connect(open, &QAction::triggered, this, [this, id] { Q_EMIT personRequested(id); });
    }
    QStringList groups;
    for (const QString &reason : std::as_const(reasons))
        groups.append(tr("%1 (%2)").arg(links.value(reason).join(u", "_s),
                                        candidateReasonText(reason).toHtmlEscaped()));
    auto *label = new QLabel(row);
    label->setObjectName(u"candidateLinks"_s);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    label->setText(intro.toHtmlEscaped() + u' ' + groups.join(u"; "_s));
    label->setAccessibleName(intro);
    connect(label, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith("person:"_L1))
            Q_EMIT personRequested(link.mid(7).toLongLong());
    });
    h->addWidget(label, 1);
    if (more)
        h->addWidget(more, 0, Qt::AlignTop);
    m_headerLines.append(intro + u' ' + said.join(u"; "_s));
    return row;
}

void PersonPage::replaceDetails(QWidget *details)
{
    // Later, not now: the old header may hold the link whose click led here (a candidate opening its
    // person), and it must outlive its own signal.
    delete m_layout->replaceWidget(m_details, details);
    m_details->hide();
    m_details->deleteLater();
    m_details = details;
    details->show(); // now, not when the layout would (on the next turn): focus may move into it at once

    // Tab walks the page top to bottom: the header's actions (made after the filters), then the filters,
    // then the timeline.
    QList<QWidget *> chain;
    for (QWidget *w : details->findChildren<QWidget *>()) {
        if (w->focusPolicy() & Qt::TabFocus)
            chain.append(w);
    }
    for (QAbstractButton *b : m_systemFilter->buttons())
        chain.append(b);
    chain << m_kindFilter << m_timeline;
    for (qsizetype i = 1; i < chain.size(); ++i)
        setTabOrder(chain.at(i - 1), chain.at(i));
}

void PersonPage::updateFilterChoices()
{
    QSet<QString> providersWithRows;
    for (const auto &[p, kind] : std::as_const(m_kinds))
        providersWithRows.insert(p);
    for (QAbstractButton *b : m_systemFilter->buttons()) {
        const QString p = b->property("provider").toString();
        b->setEnabled(p.isEmpty() || providersWithRows.contains(p));
    }
    if (!m_systemFilter->checkedButton() || !m_systemFilter->checkedButton()->isEnabled())
        m_systemFilter->button(0)->setChecked(true);

    // The kinds of the chosen system only; the choice survives when the new list still has it.
    const QString chosenProvider = m_systemFilter->checkedButton()->property("provider").toString();
    const QString chosenKind = m_kindFilter->currentData().toString();
    const QSignalBlocker block(m_kindFilter);
    m_kindFilter->clear();
    m_kindFilter->addItem(tr("All kinds"), QString());
    QStringList kinds;
    for (const auto &[p, kind] : std::as_const(m_kinds)) {
        if ((chosenProvider.isEmpty() || p == chosenProvider) && !kinds.contains(kind))
            kinds.append(kind);
    }
    for (const QString &kind : std::as_const(kinds))
        m_kindFilter->addItem(kindLabel(kind), kind);
    m_kindFilter->setCurrentIndex(std::max(0, m_kindFilter->findData(chosenKind)));
}

void PersonPage::applyFilter()
{
    TimelineFilter filter;
    if (QAbstractButton *b = m_systemFilter->checkedButton();
        b && !b->property("provider").toString().isEmpty())
        filter.providers = {b->property("provider").toString()};
    if (const QString kind = m_kindFilter->currentData().toString(); !kind.isEmpty())
        filter.kinds = {kind};
    const TimelineFilter &current = m_model->filter();
    if (filter.providers == current.providers && filter.kinds == current.kinds)
        return;
    m_model->setFilter(filter);
    m_timeline->scrollToTop();
}

void PersonPage::updateTimelineState()
{
    m_timelineEmpty->setText(m_model->filter().isEmpty() ? tr("Nothing recorded for this person yet.")
                                                         : tr("No rows match this filter."));
    m_timelineStack->setCurrentWidget(m_model->rowCount() > 0 || !m_model->lastError().isEmpty()
                                          ? static_cast<QWidget *>(m_timeline)
                                          : m_timelineEmpty);
}

QString PersonPage::headerText() const
{
    QStringList lines{m_name->text(), m_emails->text(), m_payment->text()};
    lines += m_headerLines;
    return lines.join(u'\n');
}

} // namespace sb::ui
