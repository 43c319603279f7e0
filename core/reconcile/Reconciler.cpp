#include "reconcile/Reconciler.h"

#include "common/Money.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::reconcile {

// ---- facts helpers ----------------------------------------------------------------------------------------

QString PersonFacts::anchor() const
{
    // The person's first account (oldest, then lowest id), so a newer customer does not rename every finding.
    for (const char *p : {"stripe", "circle", "kit"}) {
        const Account *best = nullptr;
        for (const Account &a : accounts) {
            if (a.provider == QLatin1StringView(p) &&
                (!best || std::tie(a.createdAt, a.id) < std::tie(best->createdAt, best->id)))
                best = &a;
        }
        if (best)
            return QLatin1StringView(p) + u':' + best->id;
    }
    return u"person:"_s + QString::number(personId);
}

const Account *PersonFacts::account(const QString &provider, const QString &id) const
{
    for (const Account &a : accounts) {
        if (a.provider == provider && a.id == id)
            return &a;
    }
    return nullptr;
}

QList<const Account *> PersonFacts::accountsOf(const QString &provider) const
{
    QList<const Account *> out;
    for (const Account &a : accounts) {
        if (a.provider == provider)
            out.append(&a);
    }
    std::sort(out.begin(), out.end(), [](const Account *a, const Account *b) {
        return std::tie(a->createdAt, a->id) < std::tie(b->createdAt, b->id);
    });
    return out;
}

// ---- rules, severities, settings
// ----------------------------------------------------------------------------

const QStringList &rule::all()
{
    static const QStringList rules = {PaidWithoutAccess,  AccessWithoutPayment, MissingTag,
                                      StaleTag,           DuplicateMember,      DuplicateSubscriber,
                                      DuplicatePurchase,  PaymentFailed,        DisputeOpen,
                                      UndeliverableEmail, PossibleSamePerson,   SyncStale};
    return rules;
}

QStringList rule::providersOf(const QString &r)
{
    static const QHash<QString, QStringList> needs = {
        {PaidWithoutAccess, {u"stripe"_s, u"circle"_s}},
        {AccessWithoutPayment, {u"stripe"_s, u"circle"_s}},
        {MissingTag, {u"stripe"_s, u"kit"_s}},
        {StaleTag, {u"stripe"_s, u"kit"_s}},
        {DuplicateMember, {u"circle"_s}},
        {DuplicateSubscriber, {u"kit"_s}},
        {DuplicatePurchase, {u"stripe"_s}},
        {PaymentFailed, {u"stripe"_s}},
        {DisputeOpen, {u"stripe"_s}},
        {UndeliverableEmail, {u"stripe"_s, u"kit"_s}},
        {PossibleSamePerson, {}},
        {SyncStale, {}},
    };
    return needs.value(r);
}

QString toString(Severity s)
{
    switch (s) {
    case Severity::High:
        return u"high"_s;
    case Severity::Medium:
        return u"medium"_s;
    case Severity::Low:
        break;
    }
    return u"low"_s;
}

std::optional<Severity> severityFromString(const QString &s)
{
    if (s == "high"_L1)
        return Severity::High;
    if (s == "medium"_L1)
        return Severity::Medium;
    if (s == "low"_L1)
        return Severity::Low;
    return std::nullopt;
}

ReconcileSettings ReconcileSettings::defaults()
{
    ReconcileSettings s;
    const auto set = [&s](const QString &rule, Severity severity, qint64 grace) {
        s.rules.insert(rule, RuleSettings{true, severity, grace});
    };
    set(rule::PaidWithoutAccess, Severity::High, 120);
    set(rule::AccessWithoutPayment, Severity::High, 300);
    set(rule::MissingTag, Severity::Medium, 600);
    set(rule::StaleTag, Severity::Low, 600);
    set(rule::DuplicateMember, Severity::Low, 0);
    set(rule::DuplicateSubscriber, Severity::Low, 0);
    set(rule::DuplicatePurchase, Severity::Medium, 0);
    set(rule::PaymentFailed, Severity::Medium, 0);
    set(rule::DisputeOpen, Severity::High, 0);
    set(rule::UndeliverableEmail, Severity::Medium, 0);
    set(rule::PossibleSamePerson, Severity::Low, 0);
    set(rule::SyncStale, Severity::Medium, 0);
    return s;
}

Result<ReconcileSettings> ReconcileSettings::fromConfig(const QHash<QString, QString> &section)
{
    ReconcileSettings s = defaults();
    const auto bad = [](const QString &key, const QString &what) {
        return Error{ErrorKind::Usage, u"findings/%1 %2"_s.arg(key, what)};
    };
    QStringList keys = section.keys();
    keys.sort();
    for (const QString &key : std::as_const(keys)) {
        const QString value = section.value(key);
        bool ok = false;
        if (key == "past_due_grace_days"_L1) {
            const int days = value.toInt(&ok);
            if (!ok || days < 0 || days > 365)
                return bad(key, u"must be a whole number of days from 0 to 365"_s);
            s.entitlement.pastDueGraceSeconds = qint64(days) * 24 * 3600;
            continue;
        }
        if (key == "duplicate_purchase_window_seconds"_L1) {
            const qint64 secs = value.toLongLong(&ok);
            if (!ok || secs < 0)
                return bad(key, u"must be a whole number of seconds"_s);
            s.duplicatePurchaseWindowSeconds = secs;
            continue;
        }
        const qsizetype cut = key.lastIndexOf(u'_', key.endsWith("_grace_seconds"_L1) ? -15 : -1);
        const QString ruleName = key.endsWith("_grace_seconds"_L1) ? key.chopped(14) : key.left(cut);
        const QString what = key.endsWith("_grace_seconds"_L1) ? u"grace_seconds"_s : key.mid(cut + 1);
        if (!rule::all().contains(ruleName))
            return bad(key, u"names no rule (rules: %1)"_s.arg(rule::all().join(u", "_s)));
        RuleSettings &r = s.rules[ruleName];
        if (what == "grace_seconds"_L1) {
            const qint64 secs = value.toLongLong(&ok);
            if (!ok || secs < 0)
                return bad(key, u"must be a whole number of seconds"_s);
            r.graceSeconds = secs;
        } else if (what == "severity"_L1) {
            const auto sev = severityFromString(value);
            if (!sev)
                return bad(key, u"must be low, medium or high"_s);
            r.severity = *sev;
        } else if (what == "enabled"_L1) {
            if (value != "true"_L1 && value != "false"_L1)
                return bad(key, u"must be true or false"_s);
            r.enabled = value == "true"_L1;
        } else {
            return bad(key, u"is not a setting (grace_seconds, severity, enabled)"_s);
        }
    }
    return s;
}

RuleSettings ReconcileSettings::rule(const QString &name) const
{
    return rules.value(name, RuleSettings{});
}

QJsonObject FixStep::toJson() const
{
    return QJsonObject{{u"provider"_s, provider},
                       {u"action"_s, action},
                       {u"params"_s, params},
                       {u"description"_s, description}};
}

FixStep FixStep::fromJson(const QJsonObject &o)
{
    return FixStep{o.value("provider"_L1).toString(), o.value("action"_L1).toString(),
                   o.value("params"_L1).toObject(), o.value("description"_L1).toString()};
}

QJsonArray Finding::fixJson() const
{
    QJsonArray a;
    for (const FixStep &s : fix)
        a.append(s.toJson());
    return a;
}

void ReconcileResult::merge(ReconcileResult other)
{
    findings += std::move(other.findings);
    if (other.nextDue && (!nextDue || other.nextDue < nextDue))
        nextDue = other.nextDue;
}

// ---- helpers
// ------------------------------------------------------------------------------------------------

namespace {

QString when(Millis t)
{
    return t ? fromMillis(t).toString(Qt::ISODate) : QString();
}

QString money(qint64 amount, const QString &currency)
{
    return formatMoney(amount, currency, QLocale::c());
}

// What the policy's containers are called in Circle's and Kit's catalogs and the membership projection.
struct ContainerRef {
    QString provider;
    QString kind; // catalog kind: access_group | space | tag | sequence
    QString id;
    bool operator==(const ContainerRef &o) const = default;
};
size_t qHash(const ContainerRef &c, size_t seed = 0)
{
    return ::qHashMulti(seed, c.provider, c.kind, c.id);
}

QList<ContainerRef> grantsOf(const PolicyEntry &e)
{
    QList<ContainerRef> out;
    for (const QString &id : e.circleAccessGroups)
        out.append({u"circle"_s, catalog::AccessGroup, id});
    for (const QString &id : e.circleSpaces)
        out.append({u"circle"_s, catalog::Space, id});
    for (const QString &id : e.kitTags)
        out.append({u"kit"_s, catalog::Tag, id});
    return out;
}

// Joined and not deactivated, or invited and not joined yet (the invitation carries the groups).
bool hasCircleAccess(const Account &a)
{
    return a.state.isEmpty() || a.state == "active"_L1 || a.state == "invited"_L1;
}

const Membership *activeMembership(const PersonFacts &f, const ContainerRef &c)
{
    for (const Membership &m : f.memberships) {
        if (m.provider != c.provider || m.containerKind != c.kind || m.containerId != c.id)
            continue;
        if (!m.status.isEmpty() && m.status != "active"_L1)
            continue;
        // A Circle member who is deactivated or deleted has no access, whatever their groups say.
        if (const Account *a = f.account(m.provider, m.memberId);
            a && c.provider == "circle"_L1 && !hasCircleAccess(*a))
            continue;
        return &m;
    }
    return nullptr;
}

QString productLabel(const Catalog &catalog, const Entitlement &e)
{
    if (!e.price.isEmpty())
        return catalog.nameOf(u"stripe"_s, catalog::Price, e.price);
    return catalog.nameOf(u"stripe"_s, catalog::Product, e.product);
}

QJsonObject entitlementJson(const Entitlement &e, const Catalog &catalog)
{
    QJsonObject o{{u"product"_s, productLabel(catalog, e)},
                  {u"price"_s, e.price},
                  {u"product_id"_s, e.product},
                  {u"state"_s, toString(e.state)},
                  {u"source"_s, e.source},
                  {u"source_id"_s, e.sourceId},
                  {u"since"_s, when(e.since)}};
    if (e.until)
        o.insert(e.state == Entitlement::State::Grace ? u"grace_until"_s : u"until"_s, when(e.until));
    if (!e.endReason.isEmpty())
        o.insert(u"end_reason"_s, e.endReason);
    return o;
}

QString endedText(const Entitlement &e)
{
    if (e.endReason == "refunded"_L1)
        return u"was refunded"_s;
    if (e.endReason == "dispute_lost"_L1)
        return u"ended with a lost dispute"_s;
    if (e.endReason == "past_due"_L1)
        return u"stayed unpaid past the grace period"_s;
    if (e.endReason == "unpaid"_L1)
        return u"is unpaid"_s;
    if (e.endReason == "comp_ended"_L1)
        return u"was a comp that ended"_s;
    if (e.endReason == "paused"_L1)
        return u"is paused"_s;
    return u"was canceled"_s;
}

QString emailOf(const PersonFacts &f)
{
    return f.emails.value(0);
}

} // namespace

// ---- the reconciler
// -------------------------------------------------------------------------------------------

Reconciler::Reconciler(Policy policy, Catalog catalog, ReconcileSettings settings)
    : m_policy(std::move(policy))
    , m_catalog(std::move(catalog))
    , m_settings(std::move(settings))
{
    // What the policy sells, looked up for every membership of every person.
    for (const PolicyEntry &pe : m_policy.entries) {
        for (const ContainerRef &c : grantsOf(pe))
            m_sold.insert(catalog::key(c.provider, c.kind, c.id));
    }
}

void Reconciler::report(ReconcileResult &out, Finding f, Millis now) const
{
    const RuleSettings rs = m_settings.rule(f.rule);
    if (!rs.enabled)
        return;
    for (const QString &p : rule::providersOf(f.rule)) {
        if (!m_settings.knownProviders.contains(p))
            return;
    }
    f.severity = rs.severity;
    const Millis due = f.since + rs.graceSeconds * 1000;
    if (rs.graceSeconds > 0 && now < due) {
        if (!out.nextDue || due < out.nextDue)
            out.nextDue = due;
        return;
    }
    out.findings.append(std::move(f));
}

ReconcileResult Reconciler::person(const PersonFacts &facts, Millis now) const
{
    ReconcileResult out;
    const QList<Entitlement> ents = entitlements(facts, now, m_settings.entitlement);
    // An entitlement in its grace period, or a comp with an end, changes at a known moment without new data.
    for (const Entitlement &e : ents) {
        if (e.entitled() && e.until > now && (!out.nextDue || e.until < out.nextDue))
            out.nextDue = e.until;
    }
    accessRules(facts, ents, now, out);
    tagRules(facts, ents, now, out);
    duplicateRules(facts, now, out);
    lookAlikeRules(facts, now, out);
    paymentRules(facts, ents, now, out);
    std::stable_sort(out.findings.begin(), out.findings.end(),
                     [](const Finding &a, const Finding &b) { return a.key < b.key; });
    return out;
}

// Both directions for Circle: paid without access, and access without payment.
void Reconciler::accessRules(const PersonFacts &f, const QList<Entitlement> &ents, Millis now,
                             ReconcileResult &out) const
{
    // What the entitlements grant, each container with the entitlement that grants it first.
    QHash<ContainerRef, const Entitlement *> granted;
    QHash<ContainerRef, const Entitlement *> lastEnded; // for "since" and the story of an ended one
    QList<ContainerRef> grantOrder;
    for (const Entitlement &e : ents) {
        for (const PolicyEntry &pe :
             m_policy.entriesFor(e.price, e.product.isEmpty() ? m_catalog.productOf(e.price) : e.product)) {
            for (const ContainerRef &c : grantsOf(pe)) {
                if (e.entitled()) {
                    if (!granted.contains(c)) {
                        granted.insert(c, &e);
                        grantOrder.append(c);
                    }
                } else if (!lastEnded.contains(c) || lastEnded.value(c)->until < e.until) {
                    lastEnded.insert(c, &e);
                }
            }
        }
    }
    const QString email = emailOf(f);
    const QList<const Account *> circleAccounts = f.accountsOf(u"circle"_s);
    const Account *activeMember = nullptr;
    const Account *inactive = nullptr; // the newest deactivated (never deleted) account, to reactivate
    for (const Account *a : circleAccounts) {
        if (hasCircleAccess(*a)) {
            if (!activeMember || (activeMember->state != "active"_L1 && a->state == "active"_L1))
                activeMember = a;
        } else if (a->state != "deleted"_L1) {
            inactive = a;
        }
    }

    for (const ContainerRef &c : std::as_const(grantOrder)) {
        if (c.provider != "circle"_L1 || activeMembership(f, c))
            continue;
        const Entitlement &e = *granted.value(c);
        const QString container = m_catalog.nameOf(c.provider, c.kind, c.id);
        const QString kindText = c.kind == catalog::Space ? u"space"_s : u"access group"_s;
        Finding fd;
        fd.rule = rule::PaidWithoutAccess;
        fd.key = u"%1|%2|circle:%3:%4"_s.arg(fd.rule, f.anchor(), c.kind, c.id);
        fd.personId = f.personId;
        fd.emails = f.emails;
        fd.since = e.since;
        fd.summary = u"Paid for %1 but not in %2 %3"_s.arg(productLabel(m_catalog, e), kindText, container);
        fd.facts.insert(u"entitlement"_s, entitlementJson(e, m_catalog));
        fd.facts.insert(u"circle_"_s + c.kind, QJsonObject{{u"id"_s, c.id}, {u"name"_s, container}});
        FixStep step;
        step.provider = u"circle"_s;
        if (!activeMember) {
            fd.why =
                inactive
                    ? u"%1 paid (%2 since %3), but their Circle account is %4, so they cannot get in."_s.arg(
                          email, productLabel(m_catalog, e), when(e.since), inactive->state)
                    : u"%1 paid (%2 since %3), but Circle has no member with their address, so they "
                      u"cannot get in."_s.arg(email, productLabel(m_catalog, e), when(e.since));
            fd.facts.insert(
                u"circle_member"_s,
                inactive ? QJsonValue(QJsonObject{{u"id"_s, inactive->id}, {u"state"_s, inactive->state}})
                         : QJsonValue(QJsonValue::Null));
            step.action = u"circle.invite_member"_s;
            step.params = QJsonObject{{u"email"_s, email}, {u"name"_s, f.name}};
            if (inactive)
                step.params.insert(u"member_id"_s, inactive->id);
            step.params.insert(c.kind == catalog::Space ? u"spaces"_s : u"access_groups"_s, QJsonArray{c.id});
            step.description =
                inactive
                    ? u"Reactivate %1 in Circle (invite again) with %2 %3"_s.arg(email, kindText, container)
                    : u"Invite %1 to Circle with %2 %3"_s.arg(email, kindText, container);
        } else {
            fd.why = u"%1 paid (%2 since %3) and is a Circle member, but not in %4 %5, which the policy says "
                     u"the purchase grants."_s.arg(email, productLabel(m_catalog, e), when(e.since), kindText,
                                                   container);
            fd.facts.insert(u"circle_member"_s,
                            QJsonObject{{u"id"_s, activeMember->id}, {u"state"_s, activeMember->state}});
            step.action = c.kind == catalog::Space ? u"circle.add_space"_s : u"circle.add_access_group"_s;
            step.params = QJsonObject{{u"member_id"_s, activeMember->id},
                                      {c.kind == catalog::Space ? u"space_id"_s : u"access_group_id"_s, c.id},
                                      {u"email"_s, activeMember->email}};
            step.description = u"Add %1 to %2 %3"_s.arg(activeMember->email, kindText, container);
        }
        fd.fix.append(step);
        report(out, std::move(fd), now);
    }

    // The other direction: in a container the policy sells, without an entitlement to it.
    for (const Membership &m : f.memberships) {
        const ContainerRef c{m.provider, m.containerKind, m.containerId};
        if (m.provider != "circle"_L1 || !m_sold.contains(catalog::key(c.provider, c.kind, c.id)) ||
            granted.contains(c))
            continue;
        if (activeMembership(f, c) != &m)
            continue;
        const Entitlement *ended = lastEnded.value(c);
        const QString container = m_catalog.nameOf(c.provider, c.kind, c.id);
        const QString kindText = c.kind == catalog::Space ? u"space"_s : u"access group"_s;
        const Account *member = f.account(m.provider, m.memberId);
        const QString memberEmail = member ? member->email : email;
        Finding fd;
        fd.rule = rule::AccessWithoutPayment;
        fd.key = u"%1|circle:%2|%3:%4"_s.arg(fd.rule, m.memberId, c.kind, c.id);
        fd.personId = f.personId;
        fd.emails = f.emails;
        fd.since = std::max(m.since, ended ? ended->until : Millis(0));
        fd.summary = ended ? u"In %1 %2, but %3 %4"_s.arg(kindText, container,
                                                          productLabel(m_catalog, *ended), endedText(*ended))
                           : u"In %1 %2 without paying for it"_s.arg(kindText, container);
        fd.why = ended
                     ? u"%1 is still in %2 %3, which is sold, but their %4 %5 (%6). Access should have ended "
                       u"with it."_s.arg(memberEmail, kindText, container, productLabel(m_catalog, *ended),
                                         endedText(*ended), when(ended->until))
                     : u"%1 is in %2 %3, which is sold, but Stripe shows no payment for it and there is no "
                       u"comp."_s.arg(memberEmail, kindText, container);
        fd.facts.insert(u"membership"_s, QJsonObject{{u"member_id"_s, m.memberId},
                                                     {u"container"_s, container},
                                                     {u"container_id"_s, c.id},
                                                     {u"kind"_s, c.kind},
                                                     {u"since"_s, when(m.since)}});
        fd.facts.insert(u"entitlement"_s, ended ? QJsonValue(entitlementJson(*ended, m_catalog))
                                                : QJsonValue(QJsonValue::Null));
        FixStep step;
        step.provider = u"circle"_s;
        step.action = c.kind == catalog::Space ? u"circle.remove_space"_s : u"circle.remove_access_group"_s;
        step.params = QJsonObject{{u"member_id"_s, m.memberId},
                                  {c.kind == catalog::Space ? u"space_id"_s : u"access_group_id"_s, c.id},
                                  {u"email"_s, memberEmail}};
        step.description = u"Remove %1 from %2 %3"_s.arg(memberEmail, kindText, container);
        fd.fix.append(step);
        report(out, std::move(fd), now);
    }
}

// Both directions for Kit: a mapped tag missing for an entitlement, a mapped tag without one.
void Reconciler::tagRules(const PersonFacts &f, const QList<Entitlement> &ents, Millis now,
                          ReconcileResult &out) const
{
    QHash<QString, const Entitlement *> granted; // tag id -> entitlement
    QHash<QString, const Entitlement *> lastEnded;
    QStringList grantOrder;
    QHash<QString, QStringList> sequencesFor; // tag -> sequences of the same entries
    for (const Entitlement &e : ents) {
        const QString product = e.product.isEmpty() ? m_catalog.productOf(e.price) : e.product;
        for (const PolicyEntry &pe : m_policy.entriesFor(e.price, product)) {
            for (const QString &t : pe.kitTags) {
                if (e.entitled()) {
                    if (!granted.contains(t)) {
                        granted.insert(t, &e);
                        grantOrder.append(t);
                    }
                    for (const QString &s : pe.kitSequences) {
                        if (!sequencesFor[t].contains(s))
                            sequencesFor[t].append(s);
                    }
                } else if (!lastEnded.contains(t) || lastEnded.value(t)->until < e.until) {
                    lastEnded.insert(t, &e);
                }
            }
        }
    }
    const QString email = emailOf(f);
    const QList<const Account *> subscribers = f.accountsOf(u"kit"_s);

    for (const QString &tag : std::as_const(grantOrder)) {
        const ContainerRef c{u"kit"_s, catalog::Tag, tag};
        if (activeMembership(f, c))
            continue;
        const Entitlement &e = *granted.value(tag);
        const QString tagName = m_catalog.nameOf(u"kit"_s, catalog::Tag, tag);
        Finding fd;
        fd.rule = rule::MissingTag;
        fd.key = u"%1|%2|kit:tag:%3"_s.arg(fd.rule, f.anchor(), tag);
        fd.personId = f.personId;
        fd.emails = f.emails;
        fd.since = e.since;
        fd.summary = u"Paid for %1 but not tagged %2 in Kit"_s.arg(productLabel(m_catalog, e), tagName);
        fd.facts.insert(u"entitlement"_s, entitlementJson(e, m_catalog));
        fd.facts.insert(u"kit_tag"_s, QJsonObject{{u"id"_s, tag}, {u"name"_s, tagName}});
        if (subscribers.isEmpty()) {
            fd.why = u"%1 paid (%2 since %3), but Kit has no subscriber with their address: they get none of "
                     u"the customer email."_s.arg(email, productLabel(m_catalog, e), when(e.since));
            fd.facts.insert(u"kit_subscriber"_s, QJsonValue::Null);
            fd.fix.append(
                FixStep{u"kit"_s, u"kit.add_subscriber"_s,
                        QJsonObject{{u"email"_s, email}, {u"first_name"_s, f.name.section(u' ', 0, 0)}},
                        u"Add %1 to Kit as a subscriber"_s.arg(email)});
            fd.fix.append(FixStep{u"kit"_s, u"kit.add_tag"_s,
                                  QJsonObject{{u"email"_s, email}, {u"tag_id"_s, tag}},
                                  u"Tag %1 with %2"_s.arg(email, tagName)});
            for (const QString &s : sequencesFor.value(tag)) {
                const QString seqName = m_catalog.nameOf(u"kit"_s, catalog::Sequence, s);
                fd.fix.append(FixStep{u"kit"_s, u"kit.add_to_sequence"_s,
                                      QJsonObject{{u"email"_s, email}, {u"sequence_id"_s, s}},
                                      u"Start %1 on sequence %2"_s.arg(email, seqName)});
            }
        } else {
            const Account *sub = subscribers.constFirst();
            fd.why =
                u"%1 paid (%2 since %3) and is a Kit subscriber, but lacks the tag %4 that the policy says "
                u"the purchase grants, so customer email segments miss them."_s.arg(
                    email, productLabel(m_catalog, e), when(e.since), tagName);
            fd.facts.insert(u"kit_subscriber"_s, QJsonObject{{u"id"_s, sub->id}, {u"state"_s, sub->state}});
            fd.fix.append(FixStep{
                u"kit"_s, u"kit.add_tag"_s,
                QJsonObject{{u"subscriber_id"_s, sub->id}, {u"email"_s, sub->email}, {u"tag_id"_s, tag}},
                u"Tag %1 with %2"_s.arg(sub->email, tagName)});
        }
        report(out, std::move(fd), now);
    }

    for (const Membership &m : f.memberships) {
        if (m.provider != "kit"_L1 || m.containerKind != catalog::Tag ||
            !m_sold.contains(catalog::key(u"kit"_s, catalog::Tag, m.containerId)) ||
            granted.contains(m.containerId))
            continue;
        const Entitlement *ended = lastEnded.value(m.containerId);
        const QString tagName = m_catalog.nameOf(u"kit"_s, catalog::Tag, m.containerId);
        const Account *sub = f.account(u"kit"_s, m.memberId);
        const QString subEmail = sub ? sub->email : email;
        Finding fd;
        fd.rule = rule::StaleTag;
        fd.key = u"%1|kit:%2|tag:%3"_s.arg(fd.rule, m.memberId, m.containerId);
        fd.personId = f.personId;
        fd.emails = f.emails;
        fd.since = std::max(m.since, ended ? ended->until : Millis(0));
        fd.summary = ended ? u"Tagged %1 in Kit, but %2 %3"_s.arg(tagName, productLabel(m_catalog, *ended),
                                                                  endedText(*ended))
                           : u"Tagged %1 in Kit without paying for it"_s.arg(tagName);
        fd.why =
            ended ? u"%1 still carries the Kit tag %2, but their %3 %4 (%5): they keep getting customer "
                    u"email."_s.arg(subEmail, tagName, productLabel(m_catalog, *ended), endedText(*ended),
                                    when(ended->until))
                  : u"%1 carries the Kit tag %2, which the policy gives buyers, but Stripe shows no payment "
                    u"for it."_s.arg(subEmail, tagName);
        fd.facts.insert(u"kit_tag"_s, QJsonObject{{u"id"_s, m.containerId},
                                                  {u"name"_s, tagName},
                                                  {u"subscriber_id"_s, m.memberId},
                                                  {u"tagged_at"_s, when(m.since)}});
        fd.facts.insert(u"entitlement"_s, ended ? QJsonValue(entitlementJson(*ended, m_catalog))
                                                : QJsonValue(QJsonValue::Null));
        fd.fix.append(FixStep{u"kit"_s, u"kit.remove_tag"_s,
                              QJsonObject{{u"subscriber_id"_s, m.memberId},
                                          {u"email"_s, subEmail},
                                          {u"tag_id"_s, m.containerId}},
                              u"Remove tag %1 from %2"_s.arg(tagName, subEmail)});
        report(out, std::move(fd), now);
    }
}

void Reconciler::duplicateRules(const PersonFacts &f, Millis now, ReconcileResult &out) const
{
    // Two accounts in one system for one person: keep the one with the most memberships (then the oldest).
    const auto duplicates = [&](const QString &provider, const QString &ruleName) {
        // Only accounts in use count: a deactivated, cancelled or deleted one is history, not a duplicate.
        QList<const Account *> accounts;
        for (const Account *a : f.accountsOf(provider)) {
            const bool inUse =
                provider == "circle"_L1
                    ? hasCircleAccess(*a)
                    : a->state != "cancelled"_L1 && a->state != "inactive"_L1 && a->state != "deleted"_L1;
            if (inUse)
                accounts.append(a);
        }
        if (accounts.size() < 2)
            return;
        QHash<QString, int> held;
        for (const Membership &m : f.memberships) {
            if (m.provider == provider)
                held[m.memberId] += 1;
        }
        // Keep a joined (active) account first, then the one holding the most, then the oldest.
        std::stable_sort(accounts.begin(), accounts.end(), [&held](const Account *a, const Account *b) {
            const bool aj = a->state == "active"_L1, bj = b->state == "active"_L1;
            if (aj != bj)
                return aj;
            return held.value(a->id) > held.value(b->id);
        });
        QStringList ids;
        QJsonArray list;
        for (const Account *a : accounts) {
            ids.append(a->id);
            list.append(QJsonObject{{u"id"_s, a->id},
                                    {u"email"_s, a->email},
                                    {u"state"_s, a->state},
                                    {u"created_at"_s, when(a->createdAt)},
                                    {u"memberships"_s, held.value(a->id)}});
        }
        QStringList sorted = ids;
        sorted.sort();
        const bool circle = provider == "circle"_L1;
        Finding fd;
        fd.rule = ruleName;
        fd.key = u"%1|%2:%3"_s.arg(ruleName, provider, sorted.join(u','));
        fd.personId = f.personId;
        fd.emails = f.emails;
        Millis since = 0;
        for (const Account *a : accounts)
            since = std::max(since, a->createdAt);
        fd.since = since;
        const QString system = circle ? u"Circle members"_s : u"Kit subscribers"_s;
        fd.summary = u"%1 %2 for one person"_s.arg(accounts.size()).arg(system);
        QStringList spelled;
        for (const Account *a : accounts)
            spelled.append(a->email);
        fd.why = u"One person has %1 %2 (%3): their access or email is split between them, and counts and "
                 u"segments are off."_s.arg(accounts.size())
                     .arg(system, spelled.join(u", "_s));
        fd.facts.insert(circle ? u"circle_members"_s : u"kit_subscribers"_s, list);
        for (qsizetype i = 1; i < accounts.size(); ++i) {
            const Account *extra = accounts.at(i);
            if (circle)
                fd.fix.append(FixStep{u"circle"_s, u"circle.deactivate_member"_s,
                                      QJsonObject{{u"member_id"_s, extra->id}, {u"email"_s, extra->email}},
                                      u"Deactivate the extra Circle member %1 (%2), keeping %3"_s.arg(
                                          extra->email, extra->id, accounts.constFirst()->email)});
            else
                fd.fix.append(
                    FixStep{u"kit"_s, u"kit.unsubscribe"_s,
                            QJsonObject{{u"subscriber_id"_s, extra->id}, {u"email"_s, extra->email}},
                            u"Unsubscribe the extra Kit subscriber %1 (%2), keeping %3"_s.arg(
                                extra->email, extra->id, accounts.constFirst()->email)});
        }
        report(out, std::move(fd), now);
    };
    duplicates(u"circle"_s, rule::DuplicateMember);
    duplicates(u"kit"_s, rule::DuplicateSubscriber);

    // Two successful payments for the same one-time product within the window, neither refunded.
    QList<const Charge *> paid;
    for (const Charge &c : f.charges) {
        if (c.status == "succeeded"_L1 && c.subscription.isEmpty() && !c.price.isEmpty() &&
            !c.fullyRefunded())
            paid.append(&c);
    }
    std::sort(paid.begin(), paid.end(), [](const Charge *a, const Charge *b) {
        return std::tie(a->at, a->id) < std::tie(b->at, b->id);
    });
    const qint64 window = m_settings.duplicatePurchaseWindowSeconds * 1000;
    for (qsizetype i = 1; i < paid.size(); ++i) {
        const Charge *second = paid.at(i);
        for (qsizetype j = i - 1; j >= 0; --j) {
            const Charge *first = paid.at(j);
            if (second->at - first->at > window)
                break;
            if (first->price != second->price)
                continue;
            const QString product = m_catalog.nameOf(u"stripe"_s, catalog::Price, first->price);
            Finding fd;
            fd.rule = rule::DuplicatePurchase;
            fd.key = u"%1|%2|%3"_s.arg(fd.rule, first->id, second->id);
            fd.personId = f.personId;
            fd.emails = f.emails;
            fd.since = second->at;
            fd.summary =
                u"Bought %1 twice within %2 minutes"_s.arg(product).arg((second->at - first->at) / 60000);
            fd.why = u"%1 paid for %2 twice (%3 at %4 and %5 at %6). A one-time product is bought once: the "
                     u"second "
                     u"payment is most likely a double click and should be refunded."_s.arg(
                         emailOf(f), product, money(first->amount, first->currency), when(first->at),
                         money(second->amount, second->currency), when(second->at));
            fd.facts.insert(u"payments"_s,
                            QJsonArray{QJsonObject{{u"charge"_s, first->id},
                                                   {u"payment_intent"_s, first->paymentIntent},
                                                   {u"at"_s, when(first->at)},
                                                   {u"amount"_s, first->amount},
                                                   {u"currency"_s, first->currency}},
                                       QJsonObject{{u"charge"_s, second->id},
                                                   {u"payment_intent"_s, second->paymentIntent},
                                                   {u"at"_s, when(second->at)},
                                                   {u"amount"_s, second->amount},
                                                   {u"currency"_s, second->currency}}});
            fd.facts.insert(u"price"_s, first->price);
            fd.fix.append(
                FixStep{u"stripe"_s, u"manual"_s,
                        QJsonObject{{u"payment_intent"_s, second->paymentIntent}, {u"charge"_s, second->id}},
                        u"Refund the second payment %1 (%2) in the Stripe dashboard (Switchboard does "
                        u"not write to Stripe)"_s.arg(second->id, money(second->amount, second->currency))});
            report(out, std::move(fd), now);
            break;
        }
    }
}

void Reconciler::lookAlikeRules(const PersonFacts &f, Millis now, ReconcileResult &out) const
{
    // One finding per pair, on the side that pays (or the lower person id when both or neither do).
    const bool pays = !f.accountsOf(u"stripe"_s).isEmpty();
    const QString mine = f.anchor();
    QSet<QString> seen;
    for (const LookAlike &other : f.lookAlikes) {
        if (other.personId == f.personId || seen.contains(other.anchor))
            continue;
        const bool ours = pays != other.pays ? pays : f.personId < other.personId;
        if (!ours)
            continue;
        seen.insert(other.anchor);
        QStringList pair{mine, other.anchor};
        pair.sort();
        Finding fd;
        fd.rule = rule::PossibleSamePerson;
        fd.key = u"%1|%2"_s.arg(fd.rule, pair.join(u'|'));
        fd.personId = f.personId;
        fd.emails = f.emails;
        fd.since = 0;
        for (const Account &a : f.accounts)
            fd.since = std::max(fd.since, a.createdAt);
        const QString because = other.reason == "previous_email"_L1
                                    ? u"an address one of them used to have"_s
                                    : u"an address that differs only by a +suffix or dots"_s;
        fd.summary = u"Possibly the same person as %1"_s.arg(other.email);
        fd.why = u"%1 and %2 (%3) share %4. Switchboard never links on a guess: if they are one person, link "
                 u"them so payments, access and email line up."_s.arg(
                     emailOf(f), other.email, other.name.isEmpty() ? other.email : other.name, because);
        fd.facts.insert(u"other"_s, QJsonObject{{u"person_id"_s, other.personId},
                                                {u"email"_s, other.email},
                                                {u"name"_s, other.name},
                                                {u"reason"_s, other.reason}});
        fd.fix.append(FixStep{u"local"_s, u"identity.link"_s,
                              QJsonObject{{u"person_id"_s, f.personId},
                                          {u"other_person_id"_s, other.personId},
                                          {u"anchor"_s, mine},
                                          {u"other_anchor"_s, other.anchor}},
                              u"If %1 and %2 are the same person, link them"_s.arg(emailOf(f), other.email)});
        report(out, std::move(fd), now);
    }
}

void Reconciler::paymentRules(const PersonFacts &f, const QList<Entitlement> &ents, Millis now,
                              ReconcileResult &out) const
{
    const QString email = emailOf(f);
    for (const Subscription &s : f.subscriptions) {
        if (s.status != "past_due"_L1 && s.status != "unpaid"_L1)
            continue;
        const QString product = s.prices.isEmpty()
                                    ? QString()
                                    : m_catalog.nameOf(u"stripe"_s, catalog::Price, s.prices.constFirst());
        Finding fd;
        fd.rule = rule::PaymentFailed;
        fd.key = u"%1|%2|%3"_s.arg(fd.rule, s.id, s.openInvoice);
        fd.personId = f.personId;
        fd.emails = f.emails;
        fd.since = s.failedAt ? s.failedAt : s.currentPeriodEnd;
        const Millis graceEnd =
            s.failedAt ? s.failedAt + m_settings.entitlement.pastDueGraceSeconds * 1000 : 0;
        fd.summary = s.status == "unpaid"_L1
                         ? u"Renewal of %1 failed; the subscription is unpaid"_s.arg(product)
                         : u"Renewal of %1 failed"_s.arg(product);
        fd.why =
            graceEnd && now < graceEnd
                ? u"The renewal of %1 for %2 failed on %3 (%4 attempt(s)). Access stays during the grace "
                  u"period, until %5; after that the subscription no longer entitles."_s
                      .arg(product, email, when(s.failedAt))
                      .arg(s.attempts)
                      .arg(when(graceEnd))
                : u"The renewal of %1 for %2 failed on %3 (%4 attempt(s)) and the grace period is over: they "
                  u"are no longer entitled."_s.arg(product, email, when(fd.since))
                      .arg(s.attempts);
        fd.facts.insert(u"subscription"_s, QJsonObject{{u"id"_s, s.id},
                                                       {u"status"_s, s.status},
                                                       {u"invoice"_s, s.openInvoice},
                                                       {u"failed_at"_s, when(s.failedAt)},
                                                       {u"attempts"_s, s.attempts},
                                                       {u"grace_until"_s, when(graceEnd)}});
        QJsonObject params{{u"subscription"_s, s.id}, {u"invoice"_s, s.openInvoice}};
        if (!s.openInvoiceUrl.isEmpty())
            params.insert(u"url"_s, s.openInvoiceUrl);
        fd.fix.append(FixStep{
            u"stripe"_s, u"manual"_s, params,
            s.openInvoiceUrl.isEmpty()
                ? u"Ask %1 to update their card; Stripe retries the invoice %2"_s.arg(email, s.openInvoice)
                : u"Send %1 the invoice link to pay with another card: %2"_s.arg(email, s.openInvoiceUrl)});
        report(out, std::move(fd), now);
    }

    for (const Dispute &d : f.disputes) {
        if (d.status != "needs_response"_L1 && d.status != "warning_needs_response"_L1)
            continue;
        Finding fd;
        fd.rule = rule::DisputeOpen;
        fd.key = u"%1|%2"_s.arg(fd.rule, d.id);
        fd.personId = f.personId;
        fd.emails = f.emails;
        fd.since = d.at;
        fd.summary = u"Dispute of %1 needs a response"_s.arg(money(d.amount, d.currency));
        fd.why = u"%1's bank disputes %2 (%3)%4. Without evidence the money and the fee are lost."_s.arg(
            email, money(d.amount, d.currency), d.reason.isEmpty() ? u"no reason given"_s : d.reason,
            d.dueBy ? u"; evidence is due by "_s + when(d.dueBy) : QString());
        fd.facts.insert(u"dispute"_s, QJsonObject{{u"id"_s, d.id},
                                                  {u"charge"_s, d.charge},
                                                  {u"status"_s, d.status},
                                                  {u"reason"_s, d.reason},
                                                  {u"amount"_s, d.amount},
                                                  {u"currency"_s, d.currency},
                                                  {u"due_by"_s, when(d.dueBy)}});
        fd.fix.append(
            FixStep{u"stripe"_s, u"manual"_s, QJsonObject{{u"dispute"_s, d.id}, {u"charge"_s, d.charge}},
                    d.dueBy ? u"Submit evidence for dispute %1 in the Stripe dashboard before %2"_s.arg(
                                  d.id, when(d.dueBy))
                            : u"Submit evidence for dispute %1 in the Stripe dashboard"_s.arg(d.id)});
        report(out, std::move(fd), now);
    }

    const bool entitled =
        std::any_of(ents.cbegin(), ents.cend(), [](const Entitlement &e) { return e.entitled(); });
    if (!entitled)
        return;
    for (const Account *a : f.accountsOf(u"kit"_s)) {
        if (a->state != "bounced"_L1 && a->state != "complained"_L1)
            continue;
        const bool bounced = a->state == "bounced"_L1;
        Finding fd;
        fd.rule = rule::UndeliverableEmail;
        fd.key = u"%1|kit:%2"_s.arg(fd.rule, a->id);
        fd.personId = f.personId;
        fd.emails = f.emails;
        fd.since = a->createdAt;
        fd.summary =
            bounced ? u"Email to %1 bounces"_s.arg(a->email) : u"%1 marked our email as spam"_s.arg(a->email);
        fd.why = bounced
                     ? u"%1 pays, but Kit marks the address as bounced: onboarding, receipts of access and "
                       u"announcements do not reach them."_s.arg(a->email)
                     : u"%1 pays, but complained about our email (marked it as spam): Kit no longer sends to "
                       u"them."_s.arg(a->email);
        fd.facts.insert(u"kit_subscriber"_s,
                        QJsonObject{{u"id"_s, a->id}, {u"email"_s, a->email}, {u"state"_s, a->state}});
        fd.fix.append(
            FixStep{u"local"_s, u"manual"_s, QJsonObject{{u"email"_s, a->email}},
                    bounced ? u"Ask %1 for a working address (by another channel) and update it in Kit"_s.arg(
                                  f.name.isEmpty() ? a->email : f.name)
                            : u"Check with %1 whether they still want customer email"_s.arg(
                                  f.name.isEmpty() ? a->email : f.name)});
        report(out, std::move(fd), now);
    }
}

ReconcileResult Reconciler::syncs(const QList<SyncHealth> &health, Millis now) const
{
    ReconcileResult out;
    for (const SyncHealth &h : health) {
        if (!h.connected || h.intervalSeconds <= 0)
            continue;
        // Allowed: two intervals and five minutes of slack (a slow run, a laptop waking up).
        const qint64 allowed = (2 * h.intervalSeconds + 300) * 1000;
        const bool stale = h.lastOkAt ? now - h.lastOkAt > allowed : !h.lastError.isEmpty();
        if (!stale)
            continue;
        Finding fd;
        fd.rule = rule::SyncStale;
        fd.key = u"%1|%2"_s.arg(fd.rule, h.provider);
        fd.since = h.lastOkAt ? h.lastOkAt + allowed : now;
        const QString name = h.provider == "stripe"_L1   ? u"Stripe"_s
                             : h.provider == "circle"_L1 ? u"Circle"_s
                                                         : u"Kit"_s;
        fd.summary = h.lastOkAt ? u"%1 has not synced since %2"_s.arg(name, when(h.lastOkAt))
                                : u"%1 has never synced"_s.arg(name);
        fd.why = u"Findings about %1 are only as fresh as its last sync%2."_s.arg(
            name, h.lastError.isEmpty() ? QString() : u"; the last attempt failed: "_s + h.lastError);
        fd.facts.insert(u"sync"_s, QJsonObject{{u"provider"_s, h.provider},
                                               {u"last_ok_at"_s, when(h.lastOkAt)},
                                               {u"interval_seconds"_s, h.intervalSeconds},
                                               {u"last_error"_s, h.lastError}});
        fd.fix.append(FixStep{u"local"_s, u"manual"_s, QJsonObject{{u"provider"_s, h.provider}},
                              u"Check the %1 connection (Connections page) and sync now"_s.arg(name)});
        report(out, std::move(fd), now);
    }
    return out;
}

} // namespace sb::reconcile
