#include "FindingsStrip.h"

#include "FindingFormatting.h"
#include "models/FindingsModel.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace {
constexpr qsizetype kShownAtFirst = 3; // more than this wait behind "Show all"

QLabel *textLabel(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setTextFormat(Qt::PlainText); // summaries carry names and emails from outside
    l->setWordWrap(true);
    l->setText(text);
    return l;
}
} // namespace

FindingsStrip::FindingsStrip(QWidget *parent)
    : QWidget(parent)
    , m_rows(new QVBoxLayout(this))
{
    setObjectName(u"findingsStrip"_s);
    m_rows->setContentsMargins(0, 2, 0, 2);
    m_rows->setSpacing(3);
    hide();
}

bool FindingsStrip::hasRule(const QString &rule) const
{
    return std::any_of(m_findings.begin(), m_findings.end(), [&rule](const store::StoredFinding &s) {
        return s.finding.rule == rule && s.status == "open"_L1;
    });
}

void FindingsStrip::showPerson(qint64 personId)
{
    if (personId != m_personId)
        m_showAll = false;
    m_personId = personId;
    m_findings.clear();
    QString error;
    if (m_store && personId) {
        auto found = m_store->ofPerson(personId);
        if (found)
            m_findings = found.value();
        else
            error = found.error().message;
    }
    m_lines.clear();
    if (m_content) {
        m_rows->removeWidget(m_content);
        m_content->deleteLater();
        m_content = nullptr;
    }
    if (m_findings.isEmpty() && error.isEmpty()) {
        hide();
        return;
    }
    m_content = new QWidget(this);
    auto *box = new QVBoxLayout(m_content);
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(3);
    if (!error.isEmpty()) {
        auto *l = textLabel(tr("The findings could not be read: %1").arg(error), m_content);
        l->setObjectName(u"findingsError"_s);
        l->setStyleSheet(u"color: #b00020;"_s);
        box->addWidget(l);
        m_lines.append(l->text());
    }
    for (qsizetype i = 0; i < m_findings.size(); ++i) {
        if (i == kShownAtFirst && !m_showAll) {
            auto *more = new QToolButton(m_content);
            more->setObjectName(u"allFindings"_s);
            more->setText(tr("Show all %1 findings").arg(m_findings.size()));
            more->setAutoRaise(true);
            more->setFocusPolicy(Qt::StrongFocus);
            connect(more, &QToolButton::clicked, this, [this] {
                m_showAll = true;
                showPerson(m_personId);
            });
            box->addWidget(more, 0, Qt::AlignLeft);
        }
        QWidget *r = row(m_findings.at(i));
        r->setVisible(i < kShownAtFirst || m_showAll);
        box->addWidget(r);
    }
    m_rows->addWidget(m_content);
    show();
}

QWidget *FindingsStrip::row(const store::StoredFinding &s)
{
    const reconcile::Finding &f = s.finding;
    const SeverityColors c = severityColors(f.severity);
    const bool snoozed = s.status == "snoozed"_L1;
    auto *frame = new QFrame(m_content);
    frame->setObjectName(u"finding"_s);
    frame->setProperty("findingId", s.id);
    frame->setStyleSheet(u"QFrame#finding { background: %1; border-left: 4px solid %2; border-radius: 4px; }"
                         " QFrame#finding QLabel { color: %3; }"_s.arg(
                             c.background.name(), snoozed ? u"#9e9e9e"_s : c.accent.name(), c.text.name()));
    const QString why = models::withLocalTimes(f.why);
    frame->setToolTip(why);
    auto *v = new QVBoxLayout(frame);
    v->setContentsMargins(10, 4, 6, 4);
    v->setSpacing(2);
    auto *h = new QHBoxLayout;
    h->setSpacing(8);

    auto *severity = textLabel(models::severityLabel(f.severity).toUpper(), frame);
    severity->setWordWrap(false);
    QFont bold = severity->font();
    bold.setBold(true);
    severity->setFont(bold);
    h->addWidget(severity, 0, Qt::AlignTop);

    QString summary = models::withLocalTimes(f.summary);
    if (snoozed)
        summary = tr("%1 (snoozed until %2)").arg(summary, localTime(s.snoozedUntil));
    auto *what = textLabel(summary, frame);
    what->setObjectName(u"findingSummary"_s);
    what->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (f.severity == reconcile::Severity::High && !snoozed)
        what->setFont(bold);
    h->addWidget(what, 1);

    const QString age = models::shortAge(f.since ? f.since : s.firstSeen, Clock::now());
    auto *since = textLabel(age.isEmpty() ? QString() : tr("for %1").arg(age), frame);
    since->setWordWrap(false);
    if (f.since)
        since->setToolTip(tr("Since %1").arg(localTime(f.since)));
    h->addWidget(since, 0, Qt::AlignTop);

    auto *toggle = new QToolButton(frame);
    toggle->setObjectName(u"findingDetails"_s);
    toggle->setText(tr("Why?"));
    toggle->setCheckable(true);
    toggle->setAutoRaise(true);
    toggle->setFocusPolicy(Qt::StrongFocus);
    toggle->setAccessibleName(tr("Why and how to fix: %1").arg(summary));
    h->addWidget(toggle, 0, Qt::AlignTop);
    v->addLayout(h);

    auto *details = new QWidget(frame);
    details->setObjectName(u"findingExplanation"_s);
    auto *d = new QVBoxLayout(details);
    d->setContentsMargins(0, 2, 0, 2);
    d->setSpacing(4);
    if (!why.isEmpty())
        d->addWidget(textLabel(why, details));
    if (!f.fix.isEmpty()) {
        auto *plan = textLabel(tr("Fix plan (dry run):") + u'\n' + fixPlanText(f.fix), details);
        plan->setObjectName(u"findingFixPlan"_s);
        plan->setTextInteractionFlags(Qt::TextSelectableByMouse);
        d->addWidget(plan);
        auto *note = textLabel(writeAccessNote(), details);
        QFont italic = note->font();
        italic.setItalic(true);
        note->setFont(italic);
        d->addWidget(note);
    }
    details->hide();
    v->addWidget(details);
    connect(toggle, &QToolButton::toggled, details, &QWidget::setVisible);

    QString line = u"%1: %2"_s.arg(models::severityLabel(f.severity), summary);
    if (!age.isEmpty())
        line += u" · "_s + tr("for %1").arg(age);
    m_lines.append(line);
    frame->setAccessibleName(line);
    return frame;
}

} // namespace sb::ui
