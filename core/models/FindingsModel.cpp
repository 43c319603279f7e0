#include "models/FindingsModel.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace sb::models {

QString ruleLabel(const QString &rule)
{
    static const QHash<QString, const char *> labels = {
        {reconcile::rule::PaidWithoutAccess, QT_TRANSLATE_NOOP("FindingsModel", "Paid without access")},
        {reconcile::rule::AccessWithoutPayment, QT_TRANSLATE_NOOP("FindingsModel", "Access without payment")},
        {reconcile::rule::MissingTag, QT_TRANSLATE_NOOP("FindingsModel", "Kit tag missing")},
        {reconcile::rule::StaleTag, QT_TRANSLATE_NOOP("FindingsModel", "Kit tag without payment")},
        {reconcile::rule::DuplicateMember, QT_TRANSLATE_NOOP("FindingsModel", "Two Circle members")},
        {reconcile::rule::DuplicateSubscriber, QT_TRANSLATE_NOOP("FindingsModel", "Two Kit subscribers")},
        {reconcile::rule::DuplicatePurchase, QT_TRANSLATE_NOOP("FindingsModel", "Paid twice")},
        {reconcile::rule::PaymentFailed, QT_TRANSLATE_NOOP("FindingsModel", "Payment failed")},
        {reconcile::rule::DisputeOpen, QT_TRANSLATE_NOOP("FindingsModel", "Dispute open")},
        {reconcile::rule::UndeliverableEmail, QT_TRANSLATE_NOOP("FindingsModel", "Email undeliverable")},
        {reconcile::rule::PossibleSamePerson, QT_TRANSLATE_NOOP("FindingsModel", "Possibly the same person")},
        {reconcile::rule::SyncStale, QT_TRANSLATE_NOOP("FindingsModel", "Sync out of date")},
    };
    if (const char *label = labels.value(rule))
        return QCoreApplication::translate("FindingsModel", label);
    QString words = rule;
    words.replace(u'_', u' ');
    if (!words.isEmpty())
        words[0] = words[0].toUpper();
    return words;
}

QString severityLabel(reconcile::Severity severity)
{
    switch (severity) {
    case reconcile::Severity::High:
        return FindingsModel::tr("High");
    case reconcile::Severity::Medium:
        return FindingsModel::tr("Medium");
    case reconcile::Severity::Low:
        break;
    }
    return FindingsModel::tr("Low");
}

QString shortAge(Millis since, Millis now)
{
    if (since <= 0)
        return {};
    const qint64 s = std::max<qint64>(0, (now - since) / 1000);
    if (s < 60)
        return FindingsModel::tr("now");
    if (s < 3600)
        return FindingsModel::tr("%1 min").arg(s / 60);
    if (s < 86400)
        return FindingsModel::tr("%1 h").arg(s / 3600);
    return FindingsModel::tr("%1 d").arg(s / 86400);
}

QString withLocalTimes(const QString &text)
{
    static const QRegularExpression iso(
        uR"(\b\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)\b)"_s);
    if (!text.contains(u'T'))
        return text;
    QString out;
    qsizetype from = 0;
    for (auto it = iso.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const Millis at = parseTime(m.captured());
        out += QStringView(text).mid(from, m.capturedStart() - from);
        out += at ? QLocale().toString(fromMillis(at).toLocalTime(), u"yyyy-MM-dd HH:mm"_s) : m.captured();
        from = m.capturedEnd();
    }
    out += QStringView(text).mid(from);
    return out;
}

FindingsModel::FindingsModel(store::FindingsStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{}

void FindingsModel::setFilter(const store::FindingFilter &filter)
{
    m_filter = filter;
    load(m_pageSize);
}

void FindingsModel::reload()
{
    // As many rows as were shown, within a bound: a reload after every sync must stay a short read even when
    // someone scrolled far down a very long list.
    load(std::clamp(int(m_rows.size()), m_pageSize, 4 * m_pageSize));
}

void FindingsModel::load(int rows)
{
    // The first rows are read inside the reset, so views never see a reset followed by a nested insert.
    beginResetModel();
    m_rows.clear();
    m_error.clear();
    m_pageInFlight = false;
    m_complete = true;
    if (m_store) {
        store::FindingFilter f = m_filter;
        f.offset = 0;
        f.limit = rows;
        auto page = m_store->list(f);
        if (page) {
            m_rows = page.value();
            m_complete = m_rows.size() < rows;
        } else {
            m_error = page.error().message;
        }
    }
    endResetModel();
    if (!m_error.isEmpty())
        Q_EMIT loadFailed(m_error);
}

bool FindingsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_complete && !m_pageInFlight && m_error.isEmpty();
}

void FindingsModel::fetchMore(const QModelIndex &parent)
{
    // Only asks: the page is read on the next turn of the event loop, so a view that calls fetchMore from
    // inside its own handlers never sees rows inserted underneath it.
    if (!canFetchMore(parent))
        return;
    m_pageInFlight = true;
    QMetaObject::invokeMethod(this, &FindingsModel::loadNextPage, Qt::QueuedConnection);
}

void FindingsModel::loadNextPage()
{
    if (!m_pageInFlight)
        return; // a reset happened meanwhile
    m_pageInFlight = false;
    if (m_complete || !m_store)
        return;
    store::FindingFilter f = m_filter;
    f.offset = int(m_rows.size());
    f.limit = m_pageSize;
    auto page = m_store->list(f);
    if (!page) {
        m_error = page.error().message;
        Q_EMIT loadFailed(m_error);
        return;
    }
    const QList<store::StoredFinding> &rows = page.value();
    if (rows.size() < m_pageSize)
        m_complete = true;
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
    m_rows.append(rows);
    endInsertRows();
}

const store::StoredFinding *FindingsModel::findingAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int FindingsModel::rowOf(qint64 findingId) const
{
    for (qsizetype r = 0; r < m_rows.size(); ++r) {
        if (m_rows.at(r).id == findingId)
            return int(r);
    }
    return -1;
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const store::StoredFinding &s = m_rows.at(index.row());
    const reconcile::Finding &f = s.finding;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return severityLabel(f.severity);
        case RuleColumn:
            return ruleLabel(f.rule);
        case PersonColumn: {
            const QString email = f.emails.value(0);
            if (s.personName.isEmpty() || s.personName == email)
                return email.isEmpty() && f.personId == 0 ? tr("All people") : email;
            return email.isEmpty() ? s.personName : u"%1 · %2"_s.arg(s.personName, email);
        }
        case SummaryColumn:
            if (s.status == "snoozed"_L1)
                return tr("%1 (snoozed until %2)")
                    .arg(withLocalTimes(f.summary),
                         QLocale().toString(fromMillis(s.snoozedUntil).toLocalTime().date(),
                                            QLocale::ShortFormat));
            return withLocalTimes(f.summary);
        case SinceColumn:
            return shortAge(f.since ? f.since : s.firstSeen, Clock::now());
        case FirstSeenColumn:
            return s.firstSeen
                       ? QLocale().toString(fromMillis(s.firstSeen).toLocalTime(), u"yyyy-MM-dd HH:mm"_s)
                       : QString();
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case SinceColumn:
            return f.since
                       ? tr("Since %1")
                             .arg(QLocale().toString(fromMillis(f.since).toLocalTime(), QLocale::LongFormat))
                       : QVariant();
        case PersonColumn:
            return f.emails.join(u", "_s);
        default:
            return f.why.isEmpty() ? QVariant() : withLocalTimes(f.why);
        }
    case Qt::TextAlignmentRole:
        if (index.column() == SinceColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case IdRole:
        return s.id;
    case PersonIdRole:
        return f.personId;
    case SeverityRole:
        return int(f.severity);
    case RuleRole:
        return f.rule;
    case SinceRole:
        return f.since;
    case FirstSeenRole:
        return s.firstSeen;
    case LastSeenRole:
        return s.lastSeen;
    case StatusRole:
        return s.status;
    case SnoozedUntilRole:
        return s.snoozedUntil;
    case PersonNameRole:
        return s.personName;
    case EmailsRole:
        return f.emails;
    case SummaryRole:
        return withLocalTimes(f.summary);
    case WhyRole:
        return withLocalTimes(f.why);
    }
    return {};
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case RuleColumn:
        return tr("Problem");
    case PersonColumn:
        return tr("Person");
    case SummaryColumn:
        return tr("What is wrong");
    case SinceColumn:
        return tr("Since");
    case FirstSeenColumn:
        return tr("First seen");
    }
    return {};
}

} // namespace sb::models
