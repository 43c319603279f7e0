#include "actions/RemoteExecutor.h"

#include "audit/AuditLog.h"
#include "common/Time.h"
#include "net/ApiClient.h"
#include "providers/circle/CircleClient.h"
#include "providers/circle/CircleMapper.h"
#include "providers/kit/KitMapper.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace sb::actions {

namespace {

const char *methodName(net::Method m)
{
    switch (m) {
    case net::Method::Get:
        return "GET";
    case net::Method::Post:
        return "POST";
    case net::Method::Put:
        return "PUT";
    case net::Method::Delete:
        return "DELETE";
    }
    return "GET";
}

} // namespace

struct RemoteExecutor::Run : std::enable_shared_from_this<RemoteExecutor::Run> {
    Action action;
    net::ApiClient *client = nullptr;
    RemoteOutcome out;
    std::function<void(RemoteOutcome)> done;

    QString p(const char *key) const { return paramText(action.params, QString::fromLatin1(key)); }

    void finish(const QString &outcome, const QString &message = {})
    {
        if (!done)
            return;
        out.outcome = outcome;
        out.message = message;
        auto callback = std::move(done);
        done = nullptr;
        callback(out);
    }

    // One request; the call is logged with how it ended. `next` gets the answer.
    void call(net::Method method, const QString &path, const net::Query &query, const QJsonObject &body,
              std::function<void(const Result<QJsonObject> &)> next)
    {
        QString shown = path;
        if (!query.isEmpty()) {
            QStringList parts;
            for (const auto &[k, v] : query)
                parts.append(k + u'=' + v);
            shown += u'?' + parts.join(u'&');
        }
        const QString line = QString::fromLatin1(methodName(method)) + u' ' + shown;
        // The request holds the run alive until its answer.
        auto handle = [this, self = shared_from_this(), line, next = std::move(next)](Result<QJsonObject> r) {
            out.calls.append(line + u" → "_s +
                             (r.ok()                                  ? u"ok"_s
                              : r.error().kind == ErrorKind::NotFound ? u"not found"_s
                                                                      : u"failed"_s));
            next(r);
        };
        if (method == net::Method::Get)
            client->get(path, query, std::move(handle));
        else
            client->send(method, path, query, body, std::move(handle));
    }

    // A read that tells present (an object) from absent (not found); anything else fails the action.
    void probe(const QString &path, const net::Query &query,
               std::function<void(bool present, const QJsonObject &record)> next)
    {
        call(net::Method::Get, path, query, {}, [this, next = std::move(next)](const Result<QJsonObject> &r) {
            if (r.ok())
                return next(true, r.value());
            if (r.error().kind == ErrorKind::NotFound)
                return next(false, {});
            finish(audit::outcome::Failed, r.error().message);
        });
    }

    void observe(const QString &rawKind, const QString &containerId, const QJsonObject &record)
    {
        if (!record.isEmpty())
            out.observed.append({providerOf(action.name), rawKind, {}, containerId, {}, record});
    }
    void observeRemoval(const QString &containerKind, const QString &containerId, const QString &memberId)
    {
        if (!memberId.isEmpty())
            out.observed.append({providerOf(action.name), {}, containerKind, containerId, memberId, {}});
    }

    // A write; on success `next` runs, on failure the action ends with the provider's message.
    void write(net::Method method, const QString &path, const net::Query &query, const QJsonObject &body,
               std::function<void(const QJsonObject &)> next)
    {
        call(method, path, query, body, [this, next = std::move(next)](const Result<QJsonObject> &r) {
            if (!r.ok())
                return finish(audit::outcome::Failed, r.error().message);
            next(r.value());
        });
    }

    // A Circle membership: check, write when the state is not the wanted one, confirm; what the last read
    // showed is observed. `rawKind`: the membership row's kind (access_group_member, space_member).
    struct Membership {
        QString rawKind;
        QString containerKind;
        QString containerId;
        QString checkPath;
        net::Query checkQuery;
        QString writePath;
        QJsonObject addBody;
        net::Query removeQuery;
        QString already;
    };
    void ensure(bool wanted, const Membership &m, std::function<void(bool changed)> then)
    {
        probe(m.checkPath, m.checkQuery, [=, this](bool present, const QJsonObject &record) {
            if (present) {
                out.memberId = idText(record.value(u"community_member_id"_s));
                if (out.memberId.isEmpty())
                    out.memberId = p("member_id");
            }
            if (present == wanted) {
                settle(wanted, m, record);
                return then(false);
            }
            write(wanted ? net::Method::Post : net::Method::Delete, m.writePath,
                  wanted ? net::Query{} : m.removeQuery, wanted ? m.addBody : QJsonObject{},
                  [=, this](const QJsonObject &) {
                      probe(m.checkPath, m.checkQuery, [=, this](bool nowPresent, const QJsonObject &after) {
                          if (nowPresent != wanted)
                              return finish(audit::outcome::Failed,
                                            u"Circle accepted the change but still shows it otherwise; try "
                                            u"again later"_s);
                          settle(wanted, m, after);
                          then(true);
                      });
                  });
        });
    }
    void ensure(bool wanted, const Membership &m)
    {
        ensure(wanted, m, [this, already = m.already](bool changed) {
            finish(changed ? audit::outcome::Ok : audit::outcome::Noop, changed ? QString() : already);
        });
    }
    void settle(bool present, const Membership &m, const QJsonObject &record)
    {
        if (present)
            observe(m.rawKind, m.containerId, record);
        else
            observeRemoval(m.containerKind, m.containerId,
                           out.memberId.isEmpty() ? p("member_id") : out.memberId);
    }
};

RemoteExecutor::RemoteExecutor(net::ApiClient *circle, net::ApiClient *kit)
    : m_circle(circle)
    , m_kit(kit)
{}

RemoteExecutor::~RemoteExecutor() = default;

void RemoteExecutor::execute(const Action &action, std::function<void(RemoteOutcome)> done)
{
    auto run = std::make_shared<Run>();
    run->action = action;
    run->done = std::move(done);
    const QString provider = providerOf(action.name);
    run->client = provider == "circle"_L1 ? m_circle : provider == "kit"_L1 ? m_kit : nullptr;
    if (!run->client) {
        run->finish(audit::outcome::Failed,
                    isRemote(action.name) ? u"%1 is not connected: add its key in Connections"_s.arg(provider)
                                          : u"%1 is not a remote action"_s.arg(action.name));
        return;
    }
    if (const Status valid = validate(action); !valid.ok()) {
        run->finish(audit::outcome::Failed, valid.error().message);
        return;
    }
    if (provider == "circle"_L1)
        runCircle(run);
    else
        runKit(run);
}

void RemoteExecutor::runCircle(std::shared_ptr<Run> run)
{
    Run &r = *run;
    const QString n = r.action.name;
    const QString email = r.p("email");
    r.out.memberId = r.p("member_id");

    if (n == name::CircleAddAccessGroup || n == name::CircleRemoveAccessGroup) {
        const QString group = r.p("access_group_id");
        const bool add = n == name::CircleAddAccessGroup;
        const QString path = circlePath(u"/access_groups/%1/community_members"_s.arg(group));
        r.ensure(add, {circle::kind::AccessGroupMember,
                       circle::kind::AccessGroup,
                       group,
                       circlePath(u"/access_groups/%1/community_member"_s.arg(group)),
                       {{u"email"_s, email}},
                       path,
                       QJsonObject{{u"email"_s, email}},
                       {{u"email"_s, email}},
                       add ? u"%1 is in access group %2 already"_s.arg(email, group)
                           : u"%1 is not in access group %2"_s.arg(email, group)});
        return;
    }
    if (n == name::CircleAddSpace || n == name::CircleRemoveSpace) {
        const QString space = r.p("space_id");
        const bool add = n == name::CircleAddSpace;
        const net::Query both{{u"email"_s, email}, {u"space_id"_s, space}};
        r.ensure(add, {circle::kind::SpaceMember, circle::kind::Space, space, circlePath(u"/space_member"_s),
                       both, circlePath(u"/space_members"_s),
                       QJsonObject{{u"email"_s, email}, {u"space_id"_s, space.toLongLong()}}, both,
                       add ? u"%1 is in space %2 already"_s.arg(email, space)
                           : u"%1 is not in space %2"_s.arg(email, space)});
        return;
    }
    if (n == name::CircleDeactivate) {
        const QString path = circlePath(u"/community_members/%1"_s.arg(r.out.memberId));
        r.call(net::Method::Get, path, {}, {}, [run, path](const Result<QJsonObject> &got) {
            Run &self = *run;
            if (!got.ok()) {
                if (got.error().kind == ErrorKind::NotFound)
                    return self.finish(audit::outcome::Noop,
                                       u"Circle has no member %1 any more"_s.arg(self.out.memberId));
                return self.finish(audit::outcome::Failed, got.error().message);
            }
            self.out.member = got.value();
            if (!got.value().value(u"active"_s).toBool()) {
                self.observe(circle::kind::Member, {}, got.value());
                return self.finish(audit::outcome::Noop,
                                   u"member %1 is inactive already"_s.arg(self.out.memberId));
            }
            self.write(net::Method::Delete, path, {}, {}, [run, path](const QJsonObject &) {
                run->call(net::Method::Get, path, {}, {}, [run](const Result<QJsonObject> &after) {
                    Run &inner = *run;
                    if (after.ok())
                        inner.out.member = after.value();
                    if (after.ok() && after.value().value(u"active"_s).toBool())
                        return inner.finish(
                            audit::outcome::Failed,
                            u"Circle accepted the change but still shows the member as active"_s);
                    if (after.ok())
                        inner.observe(circle::kind::Member, {}, after.value());
                    inner.finish(audit::outcome::Ok);
                });
            });
        });
        return;
    }
    if (n == name::CircleInvite) {
        // The member first (unless one with the address is active already), then each access group and space.
        QList<Run::Membership> wanted;
        for (const QJsonValue &g : r.action.params.value(u"access_groups"_s).toArray()) {
            const QString group = idText(g);
            wanted.append({circle::kind::AccessGroupMember,
                           circle::kind::AccessGroup,
                           group,
                           circlePath(u"/access_groups/%1/community_member"_s.arg(group)),
                           {{u"email"_s, email}},
                           circlePath(u"/access_groups/%1/community_members"_s.arg(group)),
                           QJsonObject{{u"email"_s, email}},
                           {},
                           {}});
        }
        for (const QJsonValue &sp : r.action.params.value(u"spaces"_s).toArray()) {
            const QString space = idText(sp);
            wanted.append({circle::kind::SpaceMember,
                           circle::kind::Space,
                           space,
                           circlePath(u"/space_member"_s),
                           {{u"email"_s, email}, {u"space_id"_s, space}},
                           circlePath(u"/space_members"_s),
                           QJsonObject{{u"email"_s, email}, {u"space_id"_s, space.toLongLong()}},
                           {},
                           {}});
        }
        // One container after another; `changed` says whether anything was written so far.
        // The step function holds itself only weakly (no cycle to break, nothing freed while it runs); each
        // request's continuation holds it strongly until it calls it.
        auto next = std::make_shared<std::function<void(qsizetype, bool)>>();
        *next = [run, wanted, email, weak = std::weak_ptr(next)](qsizetype i, bool changed) {
            Run &self = *run;
            if (i >= wanted.size())
                return self.finish(changed ? audit::outcome::Ok : audit::outcome::Noop,
                                   changed
                                       ? QString()
                                       : u"%1 is a member (or invited) with the access already"_s.arg(email));
            self.ensure(true, wanted.at(i),
                        [strong = weak.lock(), i, changed](bool now) { (*strong)(i + 1, changed || now); });
        };
        r.call(net::Method::Get, circlePath(u"/community_members/search"_s), {{u"email"_s, email}}, {},
               [run, email, next](const Result<QJsonObject> &found) {
                   Run &self = *run;
                   // Joined, or invited and not joined yet (the invitation stands): the member exists.
                   const bool exists =
                       found.ok() && (found.value().value(u"active"_s).toBool() ||
                                      found.value().value(u"accepted_invitation"_s).toString().isEmpty());
                   if (exists) {
                       self.out.memberId = idText(found.value().value(u"id"_s));
                       self.out.member = found.value();
                       self.observe(circle::kind::Member, {}, found.value());
                       return (*next)(0, false);
                   }
                   if (!found.ok() && found.error().kind != ErrorKind::NotFound) {
                       return self.finish(audit::outcome::Failed, found.error().message);
                   }
                   const QJsonObject body{
                       {u"email"_s, email}, {u"name"_s, self.p("name")}, {u"skip_invitation"_s, false}};
                   const bool inactive = found.ok();
                   self.call(net::Method::Post, circlePath(u"/community_members"_s), {}, body,
                             [run, next, inactive](const Result<QJsonObject> &made) {
                                 Run &inner = *run;
                                 if (!made.ok()) {
                                     QString message = made.error().message;
                                     if (inactive)
                                         message +=
                                             u" (the member is deactivated: reactivate them in Circle's "
                                             u"admin, then apply the plan again)"_s;
                                     return inner.finish(audit::outcome::Failed, message);
                                 }
                                 const QJsonObject member =
                                     made.value().value(u"community_member"_s).toObject();
                                 inner.out.member = member;
                                 inner.out.memberId = idText(member.value(u"id"_s));
                                 inner.observe(circle::kind::Member, {}, member);
                                 (*next)(0, true);
                             });
               });
        return;
    }
    r.finish(audit::outcome::Failed, u"%1 is not a Circle action"_s.arg(n));
}

void RemoteExecutor::runKit(std::shared_ptr<Run> run)
{
    Run &r = *run;
    const QString n = r.action.name;
    const QString email = r.p("email");

    if (n == name::KitAddSubscriber) {
        r.call(net::Method::Get, u"/v4/subscribers"_s, {{u"email_address"_s, email}, {u"status"_s, u"all"_s}},
               {}, [run, email](const Result<QJsonObject> &found) {
                   Run &self = *run;
                   if (!found.ok())
                       return self.finish(audit::outcome::Failed, found.error().message);
                   const QJsonArray subs = found.value().value(u"subscribers"_s).toArray();
                   if (!subs.isEmpty()) {
                       self.out.member = subs.first().toObject();
                       self.out.memberId = idText(self.out.member.value(u"id"_s));
                       self.observe(kit::kind::Subscriber, {}, self.out.member);
                       return self.finish(audit::outcome::Noop,
                                          u"Kit has a subscriber with %1 already (%2)"_s.arg(
                                              email, self.out.member.value(u"state"_s).toString()));
                   }
                   self.write(
                       net::Method::Post, u"/v4/subscribers"_s, {},
                       QJsonObject{{u"email_address"_s, email}, {u"first_name"_s, self.p("first_name")}},
                       [run](const QJsonObject &made) {
                           run->out.member = made.value(u"subscriber"_s).toObject();
                           run->out.memberId = idText(run->out.member.value(u"id"_s));
                           run->observe(kit::kind::Subscriber, {}, run->out.member);
                           run->finish(audit::outcome::Ok);
                       });
               });
        return;
    }

    // The rest act on one subscriber: by the plan's id, else found by address.
    auto withSubscriber = [run, email](std::function<void(const QString &)> next) {
        Run &self = *run;
        const QString id = self.p("subscriber_id");
        if (!id.isEmpty()) {
            self.out.memberId = id;
            return next(id);
        }
        self.call(net::Method::Get, u"/v4/subscribers"_s,
                  {{u"email_address"_s, email}, {u"status"_s, u"all"_s}}, {},
                  [run, email, next](const Result<QJsonObject> &found) {
                      Run &inner = *run;
                      if (!found.ok())
                          return inner.finish(audit::outcome::Failed, found.error().message);
                      const QJsonArray subs = found.value().value(u"subscribers"_s).toArray();
                      if (subs.isEmpty())
                          return inner.finish(
                              audit::outcome::Failed,
                              u"Kit has no subscriber with %1: add them as a subscriber first"_s.arg(email));
                      inner.out.member = subs.first().toObject();
                      inner.out.memberId = idText(inner.out.member.value(u"id"_s));
                      next(inner.out.memberId);
                  });
    };

    if (n == name::KitAddTag || n == name::KitRemoveTag) {
        const bool add = n == name::KitAddTag;
        const QString tag = r.p("tag_id");
        withSubscriber([run, add, tag](const QString &sub) {
            const QString tagsPath = u"/v4/subscribers/%1/tags"_s.arg(sub);
            // The tag as the subscriber's tag list shows it (with tagged_at), or nothing.
            auto tagIn = [tag](const QJsonObject &page) -> std::optional<QJsonObject> {
                for (const QJsonValue &t : page.value(u"tags"_s).toArray()) {
                    if (idText(t.toObject().value(u"id"_s)) == tag)
                        return t.toObject();
                }
                return std::nullopt;
            };
            run->call(
                net::Method::Get, tagsPath, {{u"per_page"_s, u"1000"_s}}, {},
                [run, add, tag, sub, tagIn](const Result<QJsonObject> &tags) {
                    Run &self = *run;
                    if (!tags.ok())
                        return self.finish(audit::outcome::Failed, tags.error().message);
                    const std::optional<QJsonObject> had = tagIn(tags.value());
                    if (had.has_value() == add) {
                        const QString already = add ? u"subscriber %1 has tag %2 already"_s.arg(sub, tag)
                                                    : u"subscriber %1 does not have tag %2"_s.arg(sub, tag);
                        if (!add) {
                            self.observeRemoval(kit::kind::Tag, tag, sub);
                            return self.finish(audit::outcome::Noop, already);
                        }
                        // The cache is behind: the tag may be this action's own, made by a run that
                        // stopped before it heard the answer. It is recorded as the tag's listing shows
                        // it (the subscriber, with tagged_at), so the finding resolves now and not at
                        // the next sync. A plan that names the subscriber by id has not read it yet.
                        const QJsonValue taggedAt = had->value(u"tagged_at"_s);
                        auto record = [run, tag, taggedAt, already](QJsonObject subscriber) {
                            if (!subscriber.isEmpty()) {
                                subscriber.insert(u"tagged_at"_s, taggedAt);
                                run->observe(kit::kind::Tag, tag, subscriber);
                            }
                            run->finish(audit::outcome::Noop, already);
                        };
                        if (!self.out.member.isEmpty())
                            return record(self.out.member);
                        return self.call(net::Method::Get, u"/v4/subscribers/%1"_s.arg(sub), {}, {},
                                         [record](const Result<QJsonObject> &got) {
                                             // Unreadable now: the tag is there all the same (no-op);
                                             // only the cache waits for the next sync.
                                             record(got.ok() ? got.value().value(u"subscriber"_s).toObject()
                                                             : QJsonObject{});
                                         });
                    }
                    self.write(
                        add ? net::Method::Post : net::Method::Delete,
                        u"/v4/tags/%1/subscribers/%2"_s.arg(tag, sub), {}, QJsonObject{},
                        [run, add, tag, sub](const QJsonObject &answer) {
                            if (add)
                                run->observe(kit::kind::Tag, tag, answer.value(u"subscriber"_s).toObject());
                            else
                                run->observeRemoval(kit::kind::Tag, tag, sub);
                            // 200: Kit says the subscriber had the tag after all (tagged
                            // meanwhile).
                            if (add && run->client->answerStatus() == 200)
                                return run->finish(audit::outcome::Noop,
                                                   u"subscriber %1 had tag %2 already"_s.arg(sub, tag));
                            run->finish(audit::outcome::Ok);
                        });
                });
        });
        return;
    }
    if (n == name::KitAddToSequence) {
        const QString sequence = r.p("sequence_id");
        withSubscriber([run, sequence](const QString &sub) {
            run->write(net::Method::Post, u"/v4/sequences/%1/subscribers/%2"_s.arg(sequence, sub), {},
                       QJsonObject{}, [run, sequence, sub](const QJsonObject &answer) {
                           const QJsonObject listed = answer.value(u"subscriber"_s).toObject();
                           run->observe(kit::kind::Sequence, sequence, listed);
                           // Kit answers 201 when it added the subscriber, 200 when it was in already.
                           if (run->client->answerStatus() == 200)
                               return run->finish(audit::outcome::Noop,
                                                  u"subscriber %1 is in sequence %2 already (since %3)"_s.arg(
                                                      sub, sequence, listed.value(u"added_at"_s).toString()));
                           run->finish(audit::outcome::Ok);
                       });
        });
        return;
    }
    if (n == name::KitUnsubscribe) {
        withSubscriber([run](const QString &sub) {
            const QString path = u"/v4/subscribers/%1"_s.arg(sub);
            run->call(net::Method::Get, path, {}, {}, [run, sub](const Result<QJsonObject> &got) {
                Run &self = *run;
                if (!got.ok())
                    return self.finish(audit::outcome::Failed, got.error().message);
                self.out.member = got.value().value(u"subscriber"_s).toObject();
                if (self.out.member.value(u"state"_s).toString() == "cancelled"_L1) {
                    self.observe(kit::kind::Subscriber, {}, self.out.member);
                    return self.finish(audit::outcome::Noop,
                                       u"subscriber %1 is unsubscribed already"_s.arg(sub));
                }
                self.write(net::Method::Post, u"/v4/subscribers/%1/unsubscribe"_s.arg(sub), {}, QJsonObject{},
                           [run, sub](const QJsonObject &) {
                               run->call(net::Method::Get, u"/v4/subscribers/%1"_s.arg(sub), {}, {},
                                         [run](const Result<QJsonObject> &after) {
                                             if (after.ok()) {
                                                 const QJsonObject now =
                                                     after.value().value(u"subscriber"_s).toObject();
                                                 run->observe(kit::kind::Subscriber, {}, now);
                                                 if (now.value(u"state"_s).toString() != "cancelled"_L1)
                                                     return run->finish(
                                                         audit::outcome::Failed,
                                                         u"Kit accepted the unsubscribe but still shows the "
                                                         u"subscriber as %1"_s.arg(
                                                             now.value(u"state"_s).toString()));
                                             }
                                             run->finish(audit::outcome::Ok);
                                         });
                           });
            });
        });
        return;
    }
    r.finish(audit::outcome::Failed, u"%1 is not a Kit action"_s.arg(n));
}

} // namespace sb::actions
