#include "reconcile/AsOf.h"

#include <QHash>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace sb::reconcile {

namespace {

// Rows at the same moment apply in the order things happen: an account before what it holds, a payment
// before its refund, an end last. The source key breaks the remaining ties, so any input order gives one
// answer.
int phaseOf(const QString &kind)
{
    static const QHash<QString, int> phases = {
        {u"customer_created"_s, 0},     {u"member_created"_s, 0},     {u"subscribed"_s, 0},
        {u"subscription_created"_s, 0}, {u"member_joined"_s, 1},      {u"access_granted"_s, 1},
        {u"space_joined"_s, 1},         {u"circle_tag_added"_s, 1},   {u"kit_tag_added"_s, 1},
        {u"sequence_added"_s, 1},       {u"checkout_completed"_s, 1}, {u"payment_succeeded"_s, 2},
        {u"payment_failed"_s, 2},       {u"dispute_won"_s, 4},        {u"dispute_lost"_s, 4},
        {u"subscription_ended"_s, 5},   {u"access_removed"_s, 5},     {u"space_left"_s, 5},
        {u"space_inactive"_s, 5},       {u"circle_tag_removed"_s, 5}, {u"kit_tag_removed"_s, 5},
        {u"sequence_removed"_s, 5},     {u"member_deleted"_s, 5},     {u"customer_deleted"_s, 5},
    };
    return phases.value(kind, 3);
}

bool before(const TimelineEvent &a, const TimelineEvent &b)
{
    if (a.at != b.at)
        return a.at < b.at;
    if (const int pa = phaseOf(a.kind), pb = phaseOf(b.kind); pa != pb)
        return pa < pb;
    if (a.provider != b.provider)
        return a.provider < b.provider;
    return a.sourceKey < b.sourceKey;
}

// The name inside a summary the mappers wrote ("Added to access group Pro members"); empty when the summary
// is not of that shape. The mappers' summaries are fixed English (translation happens in the UI), so this is
// stable; the rows do not carry Circle container ids.
QString between(const QString &s, QLatin1StringView prefix, QLatin1StringView suffix = {})
{
    if (s.size() <= prefix.size() + suffix.size() || !s.startsWith(prefix) || !s.endsWith(suffix))
        return {};
    return s.mid(prefix.size(), s.size() - prefix.size() - suffix.size());
}

QStringList keyParts(const QString &sourceKey)
{
    return sourceKey.split(u':');
}

AsOfNote note(AsOfNote::Kind kind, const TimelineEvent &row)
{
    AsOfNote n;
    n.kind = kind;
    n.row = row;
    return n;
}

AsOfAccount account(const QString &id, const QString &state, const TimelineEvent &row)
{
    AsOfAccount a;
    a.id = id;
    a.state = state;
    a.since = row;
    return a;
}

// A membership: one period of being in a group, space, tag or sequence. `slot` names what removal rows
// refer to (a Circle membership record, a Kit subscriber-and-tag pair).
struct Instance {
    QString slot;
    AsOfItem item;
    bool open = true;
};

struct Memberships {
    QList<Instance> instances;

    void start(const QString &slot, const QString &id, const QString &name, const TimelineEvent &row)
    {
        for (const Instance &i : std::as_const(instances)) {
            if (i.slot == slot && i.open && i.item.since.sourceKey == row.sourceKey)
                return; // the same fact twice
        }
        Instance i;
        i.slot = slot;
        i.item.key = row.sourceKey;
        i.item.id = id;
        i.item.name = name;
        i.item.since = row;
        instances.append(i);
    }
    // Ends the longest-open period of the slot: a re-add (a new period) is listed before the removal of the
    // earlier one that a sync saw afterwards.
    void end(const QString &slot, const TimelineEvent &row, AsOfItem::End why)
    {
        for (Instance &i : instances) {
            if (i.slot == slot && i.open) {
                i.open = false;
                i.item.ended = row;
                i.item.end = why;
                return;
            }
        }
    }
    // Every period that ended, by its key, also those a later period of the same slot hides in list().
    void collectEnded(QHash<QString, AsOfItem> &out) const
    {
        for (const Instance &i : instances) {
            if (!i.open)
                out.insert(i.item.key, i.item);
        }
    }
    AsOfList list() const
    {
        AsOfList out;
        QHash<QString, qsizetype> heldBySlot;
        for (const Instance &i : instances) {
            if (!i.open)
                continue;
            // One item per slot: the latest period is the one that speaks for it.
            if (const auto it = heldBySlot.constFind(i.slot); it != heldBySlot.cend()) {
                out.held[*it] = i.item;
                continue;
            }
            heldBySlot.insert(i.slot, out.held.size());
            out.held.append(i.item);
        }
        QHash<QString, qsizetype> endedBySlot;
        for (const Instance &i : instances) {
            if (i.open || heldBySlot.contains(i.slot))
                continue;
            if (const auto it = endedBySlot.constFind(i.slot); it != endedBySlot.cend()) {
                out.ended[*it] = i.item;
                continue;
            }
            endedBySlot.insert(i.slot, out.ended.size());
            out.ended.append(i.item);
        }
        std::stable_sort(out.held.begin(), out.held.end(),
                         [](const AsOfItem &a, const AsOfItem &b) { return before(a.since, b.since); });
        std::stable_sort(out.ended.begin(), out.ended.end(),
                         [](const AsOfItem &a, const AsOfItem &b) { return before(*b.ended, *a.ended); });
        return out;
    }
};

struct Charge {
    QString id;
    QString owner; // the subscription it paid for, or itself (a one-time purchase)
    TimelineEvent row;
    qint64 amount = 0;
    qint64 refunded = 0;
    QString currency;
    std::optional<TimelineEvent> lastRefund;
    std::optional<TimelineEvent> disputeOpen;
    std::optional<TimelineEvent> disputeWon;
    std::optional<TimelineEvent> disputeLost;
    bool fullyRefunded() const { return amount > 0 && refunded >= amount; }
};

struct Sub {
    AsOfItem item;
    bool trial = false;
    std::optional<TimelineEvent> pastDue;
    std::optional<TimelineEvent> unpaid; // unpaid or paused
    std::optional<TimelineEvent> cancelScheduled;
    Millis cancelAt = 0;
    std::optional<TimelineEvent> endedRow;
    // A payment of it refunded in full or lost in a dispute, with no later payment making up for it.
    std::optional<TimelineEvent> lostPayment;
    AsOfItem::End lostHow = AsOfItem::End::None;
};

class Simulation {
public:
    explicit Simulation(const AsOfSettings &settings)
        : m_settings(settings)
    {}

    void apply(const TimelineEvent &e)
    {
        if (e.provider == provider::Stripe)
            applyStripe(e);
        else if (e.provider == provider::Circle)
            applyCircle(e);
        else if (e.provider == provider::Kit)
            applyKit(e);
    }

    AsOfState result(Millis at) const
    {
        AsOfState s;
        s.at = at;
        s.entitlements = entitlements(at);
        s.circleMembers = m_circleMembers;
        s.accessGroups = m_accessGroups.list();
        s.spaces = m_spaces.list();
        s.circleTags = m_circleTags.list();
        s.kitSubscribers = m_kitSubscribers;
        s.kitTags = m_kitTags.list();
        s.kitSequences = m_kitSequences.list();
        // A deleted member takes its access with it: when every Circle account is gone, so is the access.
        const bool circleGone = !s.circleMembers.isEmpty() &&
                                std::all_of(s.circleMembers.cbegin(), s.circleMembers.cend(),
                                            [](const AsOfAccount &a) { return a.state == "deleted"_L1; });
        if (circleGone) {
            const TimelineEvent gone = s.circleMembers.last().since;
            for (AsOfList *l : {&s.accessGroups, &s.spaces, &s.circleTags}) {
                for (AsOfItem item : std::as_const(l->held)) {
                    item.ended = gone;
                    item.end = AsOfItem::End::AccountGone;
                    l->ended.prepend(item);
                }
                l->held.clear();
            }
        }
        return s;
    }

    // Everything that had ended once all rows are in, by key.
    QHash<QString, AsOfItem> allEnded(Millis at) const
    {
        QHash<QString, AsOfItem> out;
        for (const AsOfItem &i : entitlements(at).ended)
            out.insert(i.key, i);
        for (const Memberships *m : {&m_accessGroups, &m_spaces, &m_circleTags, &m_kitTags, &m_kitSequences})
            m->collectEnded(out);
        return out;
    }

private:
    static QString subscriptionName(const TimelineEvent &e)
    {
        for (const auto &[prefix, suffix] : {std::pair{"Subscribed to "_L1, QLatin1StringView()},
                                             std::pair{"Started a trial of "_L1, QLatin1StringView()},
                                             std::pair{"Subscription to "_L1, " ended"_L1},
                                             std::pair{"Cancellation of "_L1, " scheduled"_L1}}) {
            if (QString name = between(e.summary, prefix, suffix); !name.isEmpty())
                return name;
        }
        // "Subscription to X is past due" / "... is active again"
        if (QString rest = between(e.summary, "Subscription to "_L1); !rest.isEmpty()) {
            const qsizetype is = rest.lastIndexOf(" is "_L1);
            return is > 0 ? rest.left(is) : rest;
        }
        return {};
    }

    Sub &subscription(const TimelineEvent &e)
    {
        const QString id = e.detail.value("subscription"_L1).toString();
        auto it = m_subIndex.constFind(id);
        if (it == m_subIndex.cend()) {
            Sub s;
            s.item.key = id;
            s.item.since = e;
            it = m_subIndex.insert(id, m_subs.size());
            m_subs.append(s);
        }
        Sub &s = m_subs[*it];
        if (s.item.id.isEmpty())
            s.item.id = e.detail.value("price"_L1).toString();
        if (s.item.product.isEmpty())
            s.item.product = e.detail.value("product"_L1).toString();
        if (s.item.name.isEmpty())
            s.item.name = subscriptionName(e);
        return s;
    }

    // Which subscription a subscription payment paid for: the one the row names, else the newest one still
    // running (charges of invoices do not carry their subscription in every API version).
    QString subscriptionOfPayment(const TimelineEvent &e) const
    {
        const QString named = e.detail.value("subscription"_L1).toString();
        if (!named.isEmpty() && m_subIndex.contains(named))
            return named;
        for (qsizetype i = m_subs.size() - 1; i >= 0; --i) {
            if (!m_subs.at(i).endedRow)
                return m_subs.at(i).item.key;
        }
        return m_subs.isEmpty() ? QString() : m_subs.last().item.key;
    }

    static bool isSubscriptionPayment(const TimelineEvent &e)
    {
        if (!e.detail.value("subscription"_L1).toString().isEmpty() ||
            !e.detail.value("invoice"_L1).toString().isEmpty())
            return true;
        // Stripe's own descriptions of invoice charges.
        const QString what = between(e.summary, "Payment succeeded: "_L1);
        return what == "Subscription creation"_L1 || what == "Subscription update"_L1 ||
               what == "Subscription cycle"_L1;
    }

    Sub *subOf(const Charge &c)
    {
        const auto it = m_subIndex.constFind(c.owner);
        return it == m_subIndex.cend() ? nullptr : &m_subs[*it];
    }

    void applyStripe(const TimelineEvent &e)
    {
        const QString &k = e.kind;
        if (k.startsWith("subscription_"_L1) && e.detail.value("subscription"_L1).toString().isEmpty())
            return; // a subscription row that does not say which: nothing to hang it on
        if (k == "subscription_created"_L1) {
            Sub &s = subscription(e);
            s.item.since = e;
            s.trial = e.summary.startsWith("Started a trial"_L1);
        } else if (k == "subscription_cancel_scheduled"_L1) {
            Sub &s = subscription(e);
            s.cancelScheduled = e;
            s.cancelAt = parseTime(e.detail.value("period_end"_L1).toString());
        } else if (k == "subscription_ended"_L1) {
            subscription(e).endedRow = e;
        } else if (k == "subscription_past_due"_L1) {
            Sub &s = subscription(e);
            if (!s.pastDue) // the grace runs from the first failure of the episode
                s.pastDue = e;
        } else if (k == "subscription_unpaid"_L1 || k == "subscription_paused"_L1) {
            subscription(e).unpaid = e;
        } else if (k == "subscription_recovered"_L1) {
            Sub &s = subscription(e);
            s.pastDue.reset();
            s.unpaid.reset();
            s.trial = false;
        } else if (k == "payment_succeeded"_L1) {
            Charge c;
            c.id = e.detail.value("charge"_L1).toString();
            if (c.id.isEmpty())
                c.id = e.sourceKey;
            c.row = e;
            c.amount = e.amount.value_or(0);
            c.currency = e.currency;
            if (isSubscriptionPayment(e)) {
                c.owner = subscriptionOfPayment(e);
                if (Sub *s = subOf(c)) {
                    // A renewal paid: whatever failed or was taken back before is made good.
                    s->pastDue.reset();
                    s->unpaid.reset();
                    s->lostPayment.reset();
                    if (s->trial && c.amount > 0)
                        s->trial = false;
                }
            } else {
                c.owner = c.id;
                m_purchaseOrder.append(c.id);
            }
            if (!m_charges.contains(c.id))
                m_chargeOrder.append(c.id);
            m_charges.insert(c.id, c);
        } else if (k == "refund"_L1) {
            const QString status = e.detail.value("status"_L1).toString();
            if (status == "failed"_L1 || status == "canceled"_L1)
                return;
            const auto it = m_charges.find(e.detail.value("charge"_L1).toString());
            if (it == m_charges.end())
                return;
            const bool wasFull = it->fullyRefunded();
            it->refunded += e.amount.value_or(0);
            it->lastRefund = e;
            if (!wasFull && it->fullyRefunded()) {
                if (Sub *s = subOf(*it)) {
                    s->lostPayment = e;
                    s->lostHow = AsOfItem::End::Refunded;
                }
            }
        } else if (k == "dispute_opened"_L1 || k == "dispute_won"_L1 || k == "dispute_lost"_L1) {
            const QString dispute = keyParts(e.sourceKey).value(1);
            QString charge = e.detail.value("charge"_L1).toString();
            if (charge.isEmpty())
                charge = m_disputeCharges.value(dispute);
            m_disputeCharges.insert(dispute, charge);
            const auto it = m_charges.find(charge);
            if (it == m_charges.end())
                return;
            if (k == "dispute_opened"_L1) {
                it->disputeOpen = e;
                it->disputeWon.reset();
            } else if (k == "dispute_won"_L1) {
                it->disputeOpen.reset();
                it->disputeWon = e;
            } else {
                it->disputeOpen.reset();
                it->disputeLost = e;
                if (Sub *s = subOf(*it)) {
                    s->lostPayment = e;
                    s->lostHow = AsOfItem::End::DisputeLost;
                }
            }
        }
    }

    // What a payment says about the entitlement it paid for: refunds in part, disputes.
    static void addPaymentNotes(const Charge &c, QList<AsOfNote> &notes)
    {
        if (c.refunded > 0 && !c.fullyRefunded() && c.lastRefund) {
            AsOfNote n;
            n.kind = AsOfNote::Kind::PartlyRefunded;
            n.row = *c.lastRefund;
            n.amount = c.refunded;
            n.total = c.amount;
            n.currency = c.currency;
            notes.append(n);
        }
        if (c.disputeOpen)
            notes.append(note(AsOfNote::Kind::DisputeOpen, *c.disputeOpen));
        else if (c.disputeWon)
            notes.append(note(AsOfNote::Kind::DisputeWon, *c.disputeWon));
    }

    AsOfList entitlements(Millis at) const
    {
        AsOfList out;
        for (const Sub &s : m_subs) {
            AsOfItem item = s.item;
            const Millis graceEnd = s.pastDue ? s.pastDue->at + m_settings.pastDueGraceSeconds * 1000
                                              : std::numeric_limits<Millis>::max();
            if (s.endedRow) {
                item.ended = s.endedRow;
                item.end = AsOfItem::End::Canceled;
            } else if (s.lostPayment) {
                item.ended = s.lostPayment;
                item.end = s.lostHow;
            } else if (s.unpaid) {
                item.ended = s.unpaid;
                item.end = AsOfItem::End::Unpaid;
            } else if (s.pastDue && at > graceEnd) {
                item.ended = s.pastDue;
                item.end = AsOfItem::End::GraceOver;
            }
            if (item.ended) {
                out.ended.append(item);
                continue;
            }
            if (s.trial)
                item.notes.append(note(AsOfNote::Kind::Trial, s.item.since));
            if (s.pastDue) {
                AsOfNote n = note(AsOfNote::Kind::PastDue, *s.pastDue);
                n.until = graceEnd;
                item.notes.append(n);
            }
            if (s.cancelScheduled) {
                AsOfNote n = note(AsOfNote::Kind::CancelScheduled, *s.cancelScheduled);
                n.until = s.cancelAt;
                item.notes.append(n);
            }
            for (const QString &id : m_chargeOrder) {
                if (const Charge &c = m_charges[id]; c.owner == s.item.key)
                    addPaymentNotes(c, item.notes);
            }
            out.held.append(item);
        }
        for (const QString &id : m_purchaseOrder) {
            const Charge &c = m_charges[id];
            AsOfItem item;
            item.key = c.id;
            item.id = c.row.detail.value("price"_L1).toString();
            item.product = c.row.detail.value("product"_L1).toString();
            item.name = between(c.row.summary, "Payment succeeded: "_L1);
            item.since = c.row;
            if (c.disputeLost) {
                item.ended = c.disputeLost;
                item.end = AsOfItem::End::DisputeLost;
            } else if (c.fullyRefunded()) {
                item.ended = c.lastRefund;
                item.end = AsOfItem::End::Refunded;
            }
            if (item.ended) {
                out.ended.append(item);
                continue;
            }
            addPaymentNotes(c, item.notes);
            out.held.append(item);
        }
        std::stable_sort(out.held.begin(), out.held.end(),
                         [](const AsOfItem &a, const AsOfItem &b) { return before(a.since, b.since); });
        std::stable_sort(out.ended.begin(), out.ended.end(),
                         [](const AsOfItem &a, const AsOfItem &b) { return before(*b.ended, *a.ended); });
        return out;
    }

    void setAccount(QList<AsOfAccount> &accounts, const QString &id, const QString &state,
                    const TimelineEvent &e)
    {
        if (id.isEmpty())
            return;
        QList<AsOfAccount> &history = m_accountHistory[e.provider + u':' + id];
        for (AsOfAccount &a : accounts) {
            if (a.id == id) {
                if (a.state != state) { // the first row that said so is the one that made it so
                    a = account(id, state, e);
                    history.append(a);
                }
                return;
            }
        }
        accounts.append(account(id, state, e));
        history.append(accounts.last());
    }

public:
    // How many states an account went through so far, and the states themselves.
    QList<AsOfAccount> history(const QString &provider, const QString &id) const
    {
        return m_accountHistory.value(provider + u':' + id);
    }

private:
    // Circle removal rows are keyed "removed:<record kind>:<record id>:<when>"; the record is the slot.
    static QString removedSlot(const QString &sourceKey)
    {
        const QStringList p = keyParts(sourceKey);
        static const QHash<QString, QString> prefixes = {{u"access_group_member"_s, u"agm"_s},
                                                         {u"space_member"_s, u"spm"_s},
                                                         {u"tagged_member"_s, u"tgm"_s}};
        if (p.size() < 3 || p.first() != "removed"_L1 || !prefixes.contains(p.at(1)))
            return {};
        return prefixes.value(p.at(1)) + u':' + p.at(2);
    }

    static QString firstTwo(const QString &sourceKey)
    {
        const QStringList p = keyParts(sourceKey);
        return p.size() >= 2 ? p.at(0) + u':' + p.at(1) : sourceKey;
    }

    void applyCircle(const TimelineEvent &e)
    {
        const QString &k = e.kind;
        const QStringList p = keyParts(e.sourceKey);
        if (k == "member_created"_L1) {
            setAccount(m_circleMembers, p.value(1),
                       e.summary.startsWith("Invited"_L1) ? u"invited"_s : u"active"_s, e);
        } else if (k == "member_joined"_L1 || k == "member_reactivated"_L1) {
            setAccount(m_circleMembers, p.value(1), u"active"_s, e);
        } else if (k == "member_deactivated"_L1) {
            setAccount(m_circleMembers, p.value(1), u"inactive"_s, e);
        } else if (k == "member_deleted"_L1) {
            setAccount(m_circleMembers, p.value(1), u"deleted"_s, e);
        } else if (k == "access_granted"_L1) {
            m_accessGroups.start(e.sourceKey, {}, between(e.summary, "Added to access group "_L1), e);
        } else if (k == "space_joined"_L1) {
            QString name = between(e.summary, "Added to space "_L1);
            if (name.isEmpty())
                name = between(e.summary, "Space "_L1, " membership is now active"_L1);
            m_spaces.start(firstTwo(e.sourceKey), {}, name, e);
        } else if (k == "circle_tag_added"_L1) {
            m_circleTags.start(e.sourceKey, {}, between(e.summary, "Tagged "_L1, " in Circle"_L1), e);
        } else if (k == "space_inactive"_L1) {
            m_spaces.end(firstTwo(e.sourceKey), e, AsOfItem::End::Inactive);
        } else if (k == "access_removed"_L1 || k == "space_left"_L1 || k == "circle_tag_removed"_L1) {
            const QString slot = removedSlot(e.sourceKey);
            Memberships &m = k == "access_removed"_L1 ? m_accessGroups
                             : k == "space_left"_L1   ? m_spaces
                                                      : m_circleTags;
            m.end(slot, e, AsOfItem::End::Removed);
        }
    }

    void applyKit(const TimelineEvent &e)
    {
        const QString &k = e.kind;
        const QStringList p = keyParts(e.sourceKey);
        if (k == "kit_tag_added"_L1 || k == "sequence_added"_L1) {
            // "tagging:<tag>:<subscriber>:<at>", "enrolment:<sequence>:<subscriber>:<at>"
            const bool tag = k == "kit_tag_added"_L1;
            const QString slot = p.value(1) + u':' + p.value(2);
            const QString name = tag ? between(e.summary, "Tagged "_L1, " in Kit"_L1)
                                     : between(e.summary, "Added to sequence "_L1, " in Kit"_L1);
            (tag ? m_kitTags : m_kitSequences).start(slot, p.value(1), name, e);
        } else if (k == "kit_tag_removed"_L1 || k == "sequence_removed"_L1) {
            // "untagged:<tag>:<subscriber>:<when>", "unenrolled:<sequence>:<subscriber>:<when>"
            const QString slot = p.value(1) + u':' + p.value(2);
            (k == "kit_tag_removed"_L1 ? m_kitTags : m_kitSequences).end(slot, e, AsOfItem::End::Removed);
        } else if (p.value(0) == "subscriber"_L1) {
            // "subscriber:<id>" (created), "subscriber:<id>:state:<state>:<when>",
            // "subscriber:<id>:state-seen:<state>"
            QString state;
            if (p.size() == 2 && k == "subscribed"_L1)
                state = u"active"_s;
            else if (p.value(2) == "state"_L1 || p.value(2) == "state-seen"_L1)
                state = p.value(3);
            if (!state.isEmpty())
                setAccount(m_kitSubscribers, p.value(1), state, e);
        }
    }

    AsOfSettings m_settings;
    QList<Sub> m_subs;
    QHash<QString, qsizetype> m_subIndex;
    QHash<QString, Charge> m_charges;
    QStringList m_purchaseOrder;
    QStringList m_chargeOrder;
    QHash<QString, QString> m_disputeCharges;
    QList<AsOfAccount> m_circleMembers;
    QList<AsOfAccount> m_kitSubscribers;
    QHash<QString, QList<AsOfAccount>> m_accountHistory; // "provider:id" -> states in order
    Memberships m_accessGroups, m_spaces, m_circleTags, m_kitTags, m_kitSequences;
};

// Held at the moment, ended later by a row that only says when a sync saw it: it may have ended earlier.
void markMaybeEnded(AsOfList &then, const QHash<QString, AsOfItem> &endedLater, Millis at)
{
    for (AsOfItem &item : then.held) {
        const auto later = endedLater.constFind(item.key);
        if (later != endedLater.cend() && later->ended && later->ended->observed && later->ended->at > at &&
            later->end != AsOfItem::End::GraceOver)
            item.notes.append(note(AsOfNote::Kind::MaybeEnded, *later->ended));
    }
}

} // namespace

AsOfState stateAsOf(const QList<TimelineEvent> &rows, Millis at, const AsOfSettings &settings)
{
    QList<TimelineEvent> ordered = rows;
    std::sort(ordered.begin(), ordered.end(), before);
    Simulation sim(settings);
    qsizetype n = 0;
    for (; n < ordered.size() && ordered.at(n).at <= at; ++n)
        sim.apply(ordered.at(n));
    AsOfState state = sim.result(at);
    state.rowsUpToMoment = int(n);
    if (n == ordered.size())
        return state;
    QHash<QString, qsizetype> statesAtMoment;
    for (const auto &[provider, accounts] : {std::pair{provider::Circle, &state.circleMembers},
                                             std::pair{provider::Kit, &state.kitSubscribers}}) {
        for (const AsOfAccount &a : std::as_const(*accounts))
            statesAtMoment.insert(provider + u':' + a.id, sim.history(provider, a.id).size());
    }
    for (qsizetype i = n; i < ordered.size(); ++i)
        sim.apply(ordered.at(i));
    const QHash<QString, AsOfItem> endedLater = sim.allEnded(ordered.last().at);
    for (AsOfList *list : {&state.entitlements, &state.accessGroups, &state.spaces, &state.circleTags,
                           &state.kitTags, &state.kitSequences})
        markMaybeEnded(*list, endedLater, at);
    for (const auto &[provider, accounts] : {std::pair{provider::Circle, &state.circleMembers},
                                             std::pair{provider::Kit, &state.kitSubscribers}}) {
        for (AsOfAccount &a : *accounts) {
            const QList<AsOfAccount> history = sim.history(provider, a.id);
            const qsizetype then = statesAtMoment.value(provider + u':' + a.id);
            if (then < history.size() && history.at(then).since.observed) {
                a.laterRow = history.at(then).since;
                a.laterState = history.at(then).state;
            }
        }
    }
    return state;
}

} // namespace sb::reconcile
