#include "PersonPage.h"

#include "FindingFormatting.h"

#include "FindingsStrip.h"
#include "Formatting.h"
#include "TimelineDelegate.h"
#include "audit/EvidencePack.h"
#include "common/BidiText.h"
#include "common/Money.h"
#include "models/TimelineModel.h"
#include "reconcile/AsOf.h"
#include "store/Queries.h"

#include <QAction>
#include <QButtonGroup>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDesktopServices>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSaveFile>
#include <QSet>
#include <QStackedWidget>
#include <QStandardPaths>
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
    return c.email.isEmpty()
               ? c.displayName
               : u"%1 <%2>"_s.arg(isolatedForDisplay(c.displayName), isolatedForDisplay(c.email));
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

// When a row happened; a row a sync only saw happened no later than that.
QString whenText(const TimelineEvent &e)
{
    return e.observed ? PersonPage::tr("no later than %1").arg(localTime(e.at)) : localTime(e.at);
}

QString because(const TimelineEvent &e)
{
    return PersonPage::tr("%1 (%2)").arg(e.summary, whenText(e));
}

using reconcile::AsOfItem;
using reconcile::AsOfNote;

QString itemName(const AsOfItem &item)
{
    if (!item.name.isEmpty())
        return item.name;
    return item.since.kind == "payment_succeeded"_L1 ? PersonPage::tr("a one-time payment") : item.key;
}

QString endText(AsOfItem::End end)
{
    using E = AsOfItem::End;
    switch (end) {
    case E::Canceled:
        return PersonPage::tr("subscription ended");
    case E::Refunded:
        return PersonPage::tr("refunded in full");
    case E::DisputeLost:
        return PersonPage::tr("dispute lost");
    case E::GraceOver:
        return PersonPage::tr("renewal failed, grace over");
    case E::Unpaid:
        return PersonPage::tr("unpaid or paused");
    case E::Removed:
        return PersonPage::tr("removed");
    case E::Inactive:
        return PersonPage::tr("inactive");
    case E::AccountGone:
        return PersonPage::tr("member deleted");
    case E::None:
        break;
    }
    return {};
}

// A note in a few words, for the status line.
QString noteText(const AsOfNote &n)
{
    using K = AsOfNote::Kind;
    switch (n.kind) {
    case K::Trial:
        return PersonPage::tr("trial");
    case K::PastDue:
        return PersonPage::tr("renewal failed, grace until %1").arg(localTime(n.until));
    case K::CancelScheduled:
        return n.until ? PersonPage::tr("cancels %1").arg(localTime(n.until))
                       : PersonPage::tr("set to cancel");
    case K::PartlyRefunded:
        return PersonPage::tr("%1 of %2 refunded")
            .arg(formatMoney(n.amount, n.currency), formatMoney(n.total, n.currency));
    case K::DisputeOpen:
        return PersonPage::tr("dispute open");
    case K::DisputeWon:
        return PersonPage::tr("dispute won");
    case K::MaybeEnded:
        return PersonPage::tr("may have ended earlier");
    }
    return {};
}

bool worrying(const AsOfItem &item)
{
    return std::any_of(item.notes.cbegin(), item.notes.cend(), [](const AsOfNote &n) {
        return n.kind == AsOfNote::Kind::PastDue || n.kind == AsOfNote::Kind::DisputeOpen ||
               n.kind == AsOfNote::Kind::MaybeEnded || n.kind == AsOfNote::Kind::CancelScheduled;
    });
}

// The rows behind a list: what made each item hold, what ended, and later sightings that cast doubt.
void addEvidence(const reconcile::AsOfList &list, QStringList &out)
{
    for (const AsOfItem &i : list.held) {
        out.append(because(i.since));
        for (const AsOfNote &n : i.notes) {
            if (n.kind == AsOfNote::Kind::MaybeEnded)
                out.append(PersonPage::tr("but a later sync saw: %1 (%2), so it may have ended earlier")
                               .arg(n.row.summary, localTime(n.row.at)));
            else if (n.row.sourceKey != i.since.sourceKey)
                out.append(because(n.row));
        }
    }
    for (const AsOfItem &i : list.ended)
        out.append(PersonPage::tr("ended: %1").arg(because(*i.ended)));
}

bool uncertain(std::initializer_list<const reconcile::AsOfList *> lists)
{
    for (const reconcile::AsOfList *l : lists) {
        for (const AsOfItem &i : l->held) {
            for (const AsOfNote &n : i.notes) {
                if (n.kind == AsOfNote::Kind::MaybeEnded)
                    return true;
            }
        }
    }
    return false;
}

QStringList names(const QList<AsOfItem> &items)
{
    QStringList out;
    for (const AsOfItem &i : items) {
        if (const QString n = itemName(i); !out.contains(n))
            out.append(n);
    }
    return out;
}

// The account that speaks for the system: an active one before an invited, inactive or deleted one.
const reconcile::AsOfAccount *bestAccount(const QList<reconcile::AsOfAccount> &accounts,
                                          const QStringList &preference)
{
    const reconcile::AsOfAccount *best = nullptr;
    qsizetype bestRank = preference.size();
    for (const reconcile::AsOfAccount &a : accounts) {
        const qsizetype rank = preference.contains(a.state) ? preference.indexOf(a.state) : preference.size();
        if (!best || rank < bestRank) {
            best = &a;
            bestRank = rank;
        }
    }
    return best;
}
} // namespace

struct PersonPage::Past {
    struct Line {
        QString status;
        SystemStatus::Tone tone = SystemStatus::Tone::Neutral;
        QStringList notes;
        QStringList evidence;
    };
    Line stripe, circle, kit;
    QString badge;
    SystemStatus::Tone badgeTone = SystemStatus::Tone::Neutral;
};

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
    , m_evidence(new QPushButton(tr("Evidence pack…"), this))
    , m_evidenceNote(new QLabel(this))
    , m_asOfEdit(new QDateTimeEdit(this))
    , m_nowButton(new QPushButton(tr("Now"), this))
    , m_banner(new QFrame(this))
    , m_bannerText(new QLabel(m_banner))
    , m_asOfDebounce(new QTimer(this))
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
        {provider::Kit, models::providerLabel(provider::Kit)},
        {provider::Local, models::providerLabel(provider::Local)}}; // what Switchboard did (the audit log)
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
    m_headerRow = header;

    // "As of": the person's state at a past moment, for "did they have access when they wrote to us?".
    auto *asOfLabel = new QLabel(tr("&As of:"), this);
    asOfLabel->setBuddy(m_asOfEdit);
    m_asOfEdit->setObjectName(u"asOf"_s);
    m_asOfEdit->setAccessibleName(tr("As of"));
    m_asOfEdit->setToolTip(
        tr("Show this person as they stood at a past moment, rebuilt from their timeline"));
    m_asOfEdit->setCalendarPopup(true);
    m_asOfEdit->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
    m_asOfEdit->setTimeSpec(Qt::LocalTime);
    m_asOfEdit->setDateTime(fromMillis(Clock::now()).toLocalTime());
    m_nowButton->setObjectName(u"asOfNow"_s);
    m_nowButton->setToolTip(tr("Show this person as they stand now"));
    m_nowButton->setAutoDefault(false);
    m_asOfDebounce->setSingleShot(true);
    m_asOfDebounce->setInterval(400); // typing a date changes it digit by digit: wait for a pause
    auto *emailsRow = new QHBoxLayout;
    emailsRow->addWidget(m_emails, 1);
    emailsRow->addWidget(asOfLabel);
    emailsRow->addWidget(m_asOfEdit);
    emailsRow->addWidget(m_nowButton);
    m_evidence->setObjectName(u"evidencePack"_s);
    m_evidence->setAutoDefault(false);
    m_evidence->setToolTip(
        tr("Save one file about this person for a support ticket: who they are, where they "
           "stand, findings, timeline and every action taken (recorded in the audit log)"));
    m_evidence->hide(); // until the page has the audit log
    emailsRow->addWidget(m_evidence);
    m_evidenceNote->setObjectName(u"evidenceNote"_s);
    m_evidenceNote->setTextFormat(Qt::PlainText);
    m_evidenceNote->setWordWrap(true);
    m_evidenceNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_evidenceNote->hide();

    m_banner->setObjectName(u"asOfBanner"_s);
    m_banner->setStyleSheet(
        u"QFrame#asOfBanner { background: #e4eefb; border: 1px solid #9dbbe3; border-radius: 6px; }"
        " QLabel { color: #17365d; }"_s);
    m_bannerText->setObjectName(u"asOfBannerText"_s);
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextFormat(Qt::PlainText);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *backToNow = new QPushButton(tr("Back to now"), m_banner);
    backToNow->setObjectName(u"asOfBackToNow"_s);
    backToNow->setAutoDefault(false);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(10, 6, 6, 6);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(backToNow, 0, Qt::AlignVCenter);
    m_banner->hide();

    m_layout->addLayout(header);
    m_layout->addLayout(emailsRow);
    m_findings = new FindingsStrip(this);
    m_layout->addWidget(m_findings);
    m_layout->addWidget(m_banner);
    m_layout->addWidget(m_evidenceNote);
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
    connect(m_asOfEdit, &QDateTimeEdit::dateTimeChanged, m_asOfDebounce, qOverload<>(&QTimer::start));
    connect(m_asOfDebounce, &QTimer::timeout, this, [this] {
        const Millis chosen = toMillis(m_asOfEdit->dateTime());
        setAsOf(chosen >= Clock::now() ? std::nullopt : std::optional<Millis>(chosen));
    });
    connect(m_nowButton, &QPushButton::clicked, this, [this] { setAsOf(std::nullopt); });
    connect(m_evidence, &QPushButton::clicked, this, [this] {
        if (!m_current)
            return;
        const QString suggested =
            audit::evidenceFileName(m_current->person.displayName.isEmpty() ? m_current->person.primaryEmail
                                                                            : m_current->person.displayName,
                                    QDate::currentDate());
        QString path;
        if (m_chooseEvidenceFile) {
            path = m_chooseEvidenceFile(suggested);
        } else {
            const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
            path = QFileDialog::getSaveFileName(this, tr("Save evidence pack"), dir + u'/' + suggested,
                                                tr("Web page (*.html)"));
        }
        if (!path.isEmpty())
            saveEvidencePack(path);
    });
    connect(backToNow, &QPushButton::clicked, this, [this] { setAsOf(std::nullopt); });
    updateAsOfControls();
}

void PersonPage::showPerson(qint64 personId)
{
    const bool samePerson = personId == m_personId;
    m_personId = personId;
    m_error->hide();
    if (!samePerson)
        m_evidenceNote->hide();
    m_headerLines.clear();
    // Another person starts at now; the same one again (a reload after a sync) keeps the moment, and its
    // rows are read again since the sync may have added some.
    if (!samePerson)
        m_asOf.reset();
    ++m_rowsGeneration;
    m_rows.clear();
    m_rowsPerson = 0;
    m_pastShown = false;
    m_findings->showPerson(personId); // before the header: the Circle row takes its colour from them
    auto details = m_queries->person(personId);
    if (!details) {
        m_current.reset();
        m_name->setText(tr("Person not found"));
        m_emails->clear();
        m_payment->clear();
        m_payment->setStyleSheet({});
        replaceDetails(new QWidget(this));
        m_error->setText(details.error().message);
        m_error->show();
        m_kinds.clear();
        m_model->setPerson(0);
        m_asOf.reset();
        updateAsOfControls();
        return;
    }
    m_current = details.value();
    if (m_asOf) {
        // The past state stays on screen until the re-read rows replace it: never today's under its banner.
        m_name->setText(m_current->person.displayName.isEmpty() ? tr("(no name)")
                                                                : m_current->person.displayName);
        startReadingRows();
    } else {
        showHeader(*m_current);
    }
    updateAsOfControls();

    auto kinds = m_queries->timelineKinds(personId);
    m_kinds = kinds ? kinds.value() : QList<std::pair<QString, QString>>{};
    if (auto audited = m_model->hasAuditEntries(personId); audited && audited.value())
        m_kinds.append({provider::Local, models::AuditRowKind});
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

void PersonPage::showHeader(const PersonDetails &d)
{
    m_headerLines.clear();
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
}

void PersonPage::addHeaderWidget(QWidget *widget)
{
    m_headerRow->addWidget(widget, 0, Qt::AlignRight | Qt::AlignVCenter);
}

void PersonPage::reload()
{
    if (m_personId)
        showPerson(m_personId);
}

QWidget *PersonPage::buildDetails(const PersonDetails &d, const Past *past)
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
    if (past) {
        // The accounts and their buttons are today's; the states are the moment's.
        rows->addWidget(systemRow(provider::Stripe, past->stripe.status, past->stripe.tone,
                                  int(stripe.size()), stripe, past->stripe.notes, past->stripe.evidence));
        rows->addWidget(systemRow(provider::Circle, past->circle.status, past->circle.tone, d.circle.accounts,
                                  identitiesOf(provider::Circle), past->circle.notes, past->circle.evidence));
        rows->addWidget(systemRow(provider::Kit, past->kit.status, past->kit.tone, d.kit.accounts,
                                  identitiesOf(provider::Kit), past->kit.notes, past->kit.evidence));
        if (!d.candidates.isEmpty())
            rows->addWidget(candidatesRow(d.candidates));
        return box;
    }
    const QString stripeStatus = stripe.isEmpty() && d.payment.kind == PaymentState::Kind::None
                                     ? tr("Not a customer")
                                     : paymentStateText(d.payment);
    rows->addWidget(
        systemRow(provider::Stripe, stripeStatus, paymentTone(d.payment), int(stripe.size()), stripe));
    // What paying buys is access: when the reconciler found that access and payment disagree (the findings
    // above say what and why), the Circle row takes at least a warning's colour.
    SystemStatus::Tone circleTone = d.circle.tone;
    if (m_findings->hasRule(reconcile::rule::PaidWithoutAccess) ||
        m_findings->hasRule(reconcile::rule::AccessWithoutPayment))
        circleTone = std::max(circleTone, SystemStatus::Tone::Warning);
    rows->addWidget(systemRow(provider::Circle, systemStatusText(d.circle), circleTone, d.circle.accounts,
                              identitiesOf(provider::Circle)));
    rows->addWidget(systemRow(provider::Kit, systemStatusText(d.kit), d.kit.tone, d.kit.accounts,
                              identitiesOf(provider::Kit)));
    if (!d.candidates.isEmpty())
        rows->addWidget(candidatesRow(d.candidates));
    return box;
}

QWidget *PersonPage::systemRow(const QString &providerName, const QString &status, SystemStatus::Tone tone,
                               int accounts, const QList<Identity> &identities, const QStringList &notes,
                               const QStringList &evidence)
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
    if (evidence.isEmpty()) {
        h->addWidget(statusLabel, 1);
    } else {
        // The rows that made the state so, small under it: the answer and its proof in one place.
        auto *column = new QVBoxLayout;
        column->setSpacing(1);
        column->addWidget(statusLabel);
        constexpr qsizetype kShown = 4;
        QStringList shown = evidence.mid(0, kShown);
        if (evidence.size() > kShown)
            shown.append(tr("… and %1 more (in the tooltip)").arg(evidence.size() - kShown));
        auto *why = plainLabel(shown.join(u'\n'), row);
        why->setObjectName(u"evidence:"_s + providerName);
        why->setWordWrap(true);
        why->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QFont small = why->font();
        if (small.pointSizeF() > 0)
            small.setPointSizeF(small.pointSizeF() * 0.88);
        why->setFont(small);
        why->setToolTip(plainToolTip(evidence.join(u'\n')));
        why->setAccessibleName(tr("Why: %1").arg(evidence.join(u"; "_s)));
        column->addWidget(why);
        h->addLayout(column, 1);
    }

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
    for (const QString &e : evidence)
        m_headerLines.append(u"    "_s + e);

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

void PersonPage::setAuditDatabase(QSqlDatabase db)
{
    m_auditDb = db;
    m_model->setAuditSource(db);
    m_evidence->show();
    reload();
}

bool PersonPage::saveEvidencePack(const QString &path)
{
    auto say = [this](const QString &text, bool ok) {
        m_evidenceNote->setText(text);
        m_evidenceNote->setStyleSheet(ok ? u"color: #1d5e32;"_s : u"color: #b00020;"_s);
        m_evidenceNote->show();
        return ok;
    };
    if (!m_current || !m_auditDb.isValid())
        return say(tr("No person is shown, so there is nothing to pack."), false);
    QString who = qEnvironmentVariable("USER");
    if (who.isEmpty())
        who = qEnvironmentVariable("USERNAME");
    if (who.isEmpty())
        return say(tr("Cannot tell who you are (USER is not set), so the pack cannot be recorded."), false);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return say(tr("Could not write %1: %2").arg(QFileInfo(path).fileName(), file.errorString()), false);
    audit::EvidenceRequest request;
    request.personId = m_personId;
    request.actor = who;
    request.destination = QFileInfo(path).fileName();
    // One person's rows and entries: a bounded read, like the timeline's own pages.
    auto written = audit::writeEvidencePack(m_auditDb, request, &file);
    if (!written) {
        file.cancelWriting();
        return say(tr("The evidence pack could not be made: %1").arg(written.error().message), false);
    }
    if (!file.commit())
        return say(tr("Could not write %1: %2").arg(QFileInfo(path).fileName(), file.errorString()), false);
    say(tr("Evidence pack saved as %1 (%2 timeline rows, %3 audit entries). Making it was recorded as audit "
           "entry #%4.")
            .arg(QFileInfo(path).fileName(), QLocale().toString(written.value().timelineRows),
                 QLocale().toString(written.value().auditEntries), QString::number(written.value().seq)),
        true);
    reload(); // the pack's own entry is on the timeline now
    return true;
}

QString PersonPage::evidenceMessage() const
{
    return m_evidenceNote->isVisibleTo(this) ? m_evidenceNote->text() : QString();
}

QString PersonPage::headerText() const
{
    QStringList lines{m_name->text(), m_emails->text()};
    lines += m_findings->lines();
    if (m_banner->isVisibleTo(this))
        lines.append(m_bannerText->text());
    lines.append(m_payment->text());
    lines += m_headerLines;
    return lines.join(u'\n');
}

QString PersonPage::asOfBannerText() const
{
    return m_banner->isVisibleTo(this) ? m_bannerText->text() : QString();
}

void PersonPage::setAsOfLimits(int pageRows, int maxRows)
{
    m_pageRows = std::max(1, pageRows);
    m_maxRows = std::max(m_pageRows, maxRows);
}

void PersonPage::setAsOf(std::optional<Millis> at)
{
    m_asOfDebounce->stop();
    if (at == m_asOf && (!at || m_pastShown || m_rowsPerson == m_personId))
        return;
    m_asOf = at;
    m_pastShown = false;
    updateAsOfControls();
    if (!m_current)
        return;
    if (!at) {
        showHeader(*m_current);
        return;
    }
    if (m_rowsPerson == m_personId && m_rowsDone)
        showPast();
    else if (m_rowsPerson != m_personId)
        startReadingRows();
}

void PersonPage::updateAsOfControls()
{
    const QSignalBlocker block(m_asOfEdit);
    m_asOfEdit->setEnabled(m_current.has_value());
    m_asOfEdit->setDateTime(fromMillis(m_asOf.value_or(Clock::now())).toLocalTime());
    m_nowButton->setEnabled(m_asOf.has_value());
    m_banner->setVisible(m_asOf.has_value() && m_current.has_value());
    if (m_asOf && !m_pastShown)
        m_bannerText->setText(
            tr("Reading %1's timeline to show them as of %2…").arg(m_name->text(), localTime(*m_asOf)));
}

void PersonPage::startReadingRows()
{
    // A page per turn of the event loop: a person with a long history never holds the window still.
    const int generation = ++m_rowsGeneration;
    m_rows.clear();
    m_rowsCursor = {};
    m_rowsPerson = m_personId;
    m_rowsDone = false;
    m_rowsCapped = false;
    m_rowsError.clear();
    QTimer::singleShot(0, this, [this, generation] { readRowsPage(generation); });
}

void PersonPage::readRowsPage(int generation)
{
    if (generation != m_rowsGeneration)
        return; // another person, or a reload, started over
    auto page = m_queries->timelinePage(m_rowsPerson, m_rowsCursor, m_pageRows);
    if (!page) {
        m_rowsError = page.error().message;
        m_rowsDone = true;
    } else {
        m_rows += page.value();
        if (!page.value().isEmpty())
            m_rowsCursor = store::TimelineCursor{m_rows.last().at, m_rows.last().id, true};
        m_rowsCapped = m_rows.size() >= m_maxRows && page.value().size() == m_pageRows;
        m_rowsDone = page.value().size() < m_pageRows || m_rowsCapped;
    }
    if (!m_rowsDone) {
        if (m_asOf)
            m_bannerText->setText(
                tr("Reading %1's timeline to show them as of %2… (%3 rows so far)")
                    .arg(m_name->text(), localTime(*m_asOf), QLocale().toString(m_rows.size())));
        QTimer::singleShot(0, this, [this, generation] { readRowsPage(generation); });
        return;
    }
    if (m_asOf)
        showPast();
}

void PersonPage::showPast()
{
    if (!m_asOf || !m_current)
        return;
    if (!m_rowsError.isEmpty()) {
        m_bannerText->setText(tr("The timeline could not be read, so the state as of %1 cannot be shown: %2")
                                  .arg(localTime(*m_asOf), m_rowsError));
        return;
    }
    const reconcile::AsOfState state = reconcile::stateAsOf(m_rows, *m_asOf);
    const Past past = pastOf(state);
    m_headerLines.clear();
    QString text = tr("Showing %1 as of %2, rebuilt from the %3 timeline rows up to then. A time marked “no "
                      "later than” is when a sync saw the change; it may have happened earlier. The timeline "
                      "below still lists everything.")
                       .arg(m_name->text(), localTime(*m_asOf), QLocale().toString(state.rowsUpToMoment));
    if (m_rowsCapped)
        text += u' ' + tr("Only the newest %1 rows were read, so older history is missing and this may be "
                          "incomplete.")
                           .arg(QLocale().toString(m_rows.size()));
    m_bannerText->setText(text);
    m_payment->setText(past.badge);
    const ToneColors colors = colorsOf(past.badgeTone);
    m_payment->setStyleSheet(u"QLabel { background:%1; color:%2; border-radius: 6px; padding: 4px 10px;"
                             " font-weight: bold; }"_s.arg(colors.background, colors.text));
    replaceDetails(buildDetails(*m_current, &past));
    m_pastShown = true;
    Q_EMIT pastShown();
}

PersonPage::Past PersonPage::pastOf(const reconcile::AsOfState &s) const
{
    using T = SystemStatus::Tone;
    Past past;
    const QString when = localTime(s.at);

    // Stripe: what they were entitled to.
    Past::Line &stripe = past.stripe;
    const auto &ent = s.entitlements;
    if (!ent.held.isEmpty()) {
        QStringList held;
        bool worry = false;
        for (const AsOfItem &i : ent.held) {
            QStringList notes;
            for (const AsOfNote &n : i.notes)
                notes.append(noteText(n));
            held.append(notes.isEmpty() ? itemName(i) : tr("%1 (%2)").arg(itemName(i), notes.join(u", "_s)));
            worry |= worrying(i);
        }
        stripe.status = tr("Entitled: %1").arg(held.join(u"; "_s));
        stripe.tone = worry ? T::Warning : T::Good;
        past.badge = tr("Entitled on %1").arg(when);
        past.badgeTone = stripe.tone;
    } else if (!ent.ended.isEmpty()) {
        QStringList ended;
        for (const AsOfItem &i : ent.ended)
            ended.append(tr("%1 (%2)").arg(itemName(i), endText(i.end)));
        stripe.status = tr("Not entitled: %1").arg(ended.join(u"; "_s));
        stripe.tone = T::Bad;
        past.badge = tr("Not entitled on %1").arg(when);
        past.badgeTone = T::Bad;
    } else {
        stripe.status = tr("Nothing bought by then");
        past.badge = tr("Nothing bought by %1").arg(when);
    }
    addEvidence(ent, stripe.evidence);
    const bool entitled = !ent.held.isEmpty();

    // Circle: the member, and the groups, spaces and tags they were in.
    Past::Line &circle = past.circle;
    const reconcile::AsOfAccount *member =
        bestAccount(s.circleMembers, {u"active"_s, u"invited"_s, u"inactive"_s, u"deleted"_s});
    QStringList parts;
    if (!member) {
        parts.append(tr("Not a member by then"));
    } else if (member->state == "active"_L1) {
        parts.append(tr("Active member"));
    } else if (member->state == "invited"_L1) {
        parts.append(tr("Invited, not joined yet"));
    } else if (member->state == "inactive"_L1) {
        parts.append(tr("Deactivated (inactive)"));
    } else {
        parts.append(tr("Deleted"));
    }
    if (member && member->state != "deleted"_L1)
        parts.append(s.accessGroups.held.isEmpty()
                         ? tr("no access group")
                         : tr("groups: %1").arg(names(s.accessGroups.held).join(u", "_s)));
    if (!s.spaces.held.isEmpty())
        parts.append(tr("spaces: %1").arg(names(s.spaces.held).join(u", "_s)));
    if (!s.circleTags.held.isEmpty())
        parts.append(tr("tags: %1").arg(names(s.circleTags.held).join(u", "_s)));
    circle.status = parts.join(u" · "_s);
    circle.tone = !member                         ? T::Neutral
                  : member->state == "active"_L1  ? (s.accessGroups.held.isEmpty() ? T::Neutral : T::Good)
                  : member->state == "deleted"_L1 ? T::Bad
                                                  : T::Warning;
    if (entitled && s.accessGroups.held.isEmpty()) {
        circle.tone = std::max(circle.tone, T::Warning);
        circle.notes.append(member && member->state != "deleted"_L1 ? tr("Paid but no access group")
                                                                    : tr("Paid but not in Circle"));
    }
    // A change a sync only saw later may have happened before the moment: the row says so and is not green.
    if (uncertain({&s.accessGroups, &s.spaces, &s.circleTags}) || (member && member->laterRow)) {
        circle.tone = std::max(circle.tone, T::Warning);
        circle.notes.append(tr("Uncertain"));
    }
    if (member) {
        circle.evidence.append(because(member->since));
        if (member->laterRow)
            circle.evidence.append(tr("but a later sync saw: %1 (%2), so it may have changed earlier")
                                       .arg(member->laterRow->summary, localTime(member->laterRow->at)));
    }
    for (const auto *list : {&s.accessGroups, &s.spaces, &s.circleTags})
        addEvidence(*list, circle.evidence);

    // Kit: the subscriber's state, tags and sequences.
    Past::Line &kit = past.kit;
    const reconcile::AsOfAccount *subscriber =
        bestAccount(s.kitSubscribers, {u"active"_s, u"cancelled"_s, u"bounced"_s, u"complained"_s});
    parts.clear();
    if (!subscriber)
        parts.append(tr("Not a subscriber by then"));
    else if (subscriber->state == "active"_L1)
        parts.append(tr("Active"));
    else if (subscriber->state == "cancelled"_L1)
        parts.append(tr("Unsubscribed (cancelled)"));
    else if (subscriber->state == "bounced"_L1)
        parts.append(tr("Bounced"));
    else if (subscriber->state == "complained"_L1)
        parts.append(tr("Marked the email as spam (complained)"));
    else
        parts.append(subscriber->state);
    if (!s.kitTags.held.isEmpty())
        parts.append(tr("tags: %1").arg(names(s.kitTags.held).join(u", "_s)));
    if (!s.kitSequences.held.isEmpty())
        parts.append(tr("sequences: %1").arg(names(s.kitSequences.held).join(u", "_s)));
    kit.status = parts.join(u" · "_s);
    kit.tone = !subscriber                                                                 ? T::Neutral
               : subscriber->state == "active"_L1                                          ? T::Good
               : subscriber->state == "bounced"_L1 || subscriber->state == "complained"_L1 ? T::Bad
                                                                                           : T::Warning;
    if (uncertain({&s.kitTags, &s.kitSequences}) || (subscriber && subscriber->laterRow)) {
        kit.tone = std::max(kit.tone, T::Warning);
        kit.notes.append(tr("Uncertain"));
    }
    if (subscriber) {
        kit.evidence.append(because(subscriber->since));
        if (subscriber->laterRow)
            kit.evidence.append(tr("but a later sync saw: %1 (%2), so it may have changed earlier")
                                    .arg(subscriber->laterRow->summary, localTime(subscriber->laterRow->at)));
    }
    addEvidence(s.kitTags, kit.evidence);
    addEvidence(s.kitSequences, kit.evidence);
    return past;
}

} // namespace sb::ui
