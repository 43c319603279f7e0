#include "PersonActions.h"

#include "ActionPreviewDialog.h"
#include "ActionsController.h"
#include "PersonPage.h"
#include "common/Time.h"
#include "models/TimelineModel.h"
#include "reconcile/Catalog.h"
#include "store/Queries.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QMenu>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace {
namespace cat = reconcile::catalog;

// Menu texts treat '&' as a mnemonic marker; names from outside must show it as it is.
QString menuText(QString text)
{
    return text.replace(u'&', u"&&"_s);
}

QList<Identity> accountsOf(const PersonDetails &d, const QString &providerName)
{
    QList<Identity> out;
    for (const Identity &i : d.identities) {
        if (i.provider == providerName)
            out.append(i);
    }
    return out;
}

QString primaryEmail(const PersonDetails &d)
{
    if (!d.person.primaryEmail.isEmpty())
        return d.person.primaryEmail;
    return d.emails.value(0);
}

// The address a provider knows the person by: its account's, else the person's.
QString emailFor(const PersonDetails &d, const QString &providerName)
{
    for (const Identity &i : accountsOf(d, providerName)) {
        if (!i.email.isEmpty())
            return i.email;
    }
    return primaryEmail(d);
}

QString nameOf(const PersonDetails &d)
{
    return d.person.displayName.isEmpty() ? primaryEmail(d) : d.person.displayName;
}
} // namespace

PersonActions::PersonActions(PersonPage *page, ActionsController *controller, QSqlDatabase db,
                             store::Queries *queries)
    : QObject(page)
    , m_page(page)
    , m_controller(controller)
    , m_db(db)
    , m_queries(queries)
    , m_button(new QToolButton(page))
    , m_menu(new QMenu(m_button))
{
    m_button->setObjectName(u"personActions"_s);
    m_button->setText(tr("Actions"));
    m_button->setPopupMode(QToolButton::InstantPopup);
    m_button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_button->setFocusPolicy(Qt::StrongFocus);
    m_button->setMenu(m_menu);
    m_button->setAccessibleName(tr("Actions on this person"));
    auto update = [this] {
        m_button->setToolTip(
            m_controller->isAvailable()
                ? (m_controller->writesUnlocked()
                       ? tr("Change this person's access in Circle and Kit, comp, note or link; "
                            "every change is previewed first")
                       : tr("Every action is previewed first; applying needs writes unlocked "
                            "(Ctrl+Shift+U)"))
                : m_controller->unavailableReason());
    };
    update();
    connect(m_controller, &ActionsController::writesChanged, this, update);
    connect(m_menu, &QMenu::aboutToShow, this, &PersonActions::rebuildMenu);
    // Whatever asked for them (this menu, a fix on the attention page), the person shown may have changed.
    connect(m_controller, &ActionsController::batchFinished, this,
            [this](int, const actions::BatchReport &report) { refreshPage(report); });
    m_page->addHeaderWidget(m_button);
}

QString PersonActions::anchorOf(const PersonDetails &d)
{
    // Identities come ordered by provider, then age: the first of a provider is its oldest account.
    for (const QString &p : {provider::Stripe, provider::Circle, provider::Kit}) {
        const QList<Identity> accounts = accountsOf(d, p);
        if (!accounts.isEmpty())
            return p + u':' + accounts.first().externalId;
    }
    return {};
}

void PersonActions::rebuildMenu()
{
    // The submenus of the last person go with their actions (clear() leaves a submenu object behind).
    qDeleteAll(m_menu->findChildren<QMenu *>(Qt::FindDirectChildrenOnly));
    m_menu->clear();
    const std::optional<PersonDetails> &current = m_page->currentDetails();
    if (!current || !m_controller->isAvailable()) {
        QAction *none =
            m_menu->addAction(current ? m_controller->unavailableReason() : tr("No person shown"));
        none->setEnabled(false);
        return;
    }
    const PersonDetails d = *current;
    auto catalog = reconcile::loadCatalog(m_db);
    const reconcile::Catalog names = catalog ? catalog.value() : reconcile::Catalog{};
    const QString who = nameOf(d);

    auto add = [this](QMenu *menu, const QString &text, const QString &objectName, const actions::Action &a,
                      const QString &title) {
        QAction *item = menu->addAction(menuText(text));
        item->setObjectName(objectName);
        connect(item, &QAction::triggered, this, [this, a, title] { preview({a}, title); });
        return item;
    };
    auto emptyNote = [](QMenu *menu, const QString &text) {
        menu->addAction(text)->setEnabled(false);
    };

    // Circle: access groups and spaces from the catalog (the change is a no-op where it is already so).
    const QList<Identity> members = accountsOf(d, provider::Circle);
    const QString circleEmail = emailFor(d, provider::Circle);
    const QString memberId = members.isEmpty() ? QString() : members.first().externalId;
    QMenu *circle = m_menu->addMenu(tr("&Circle"));
    circle->setObjectName(u"menu:circle"_s);
    struct Container {
        QString kind, add, remove, idKey;
        QString addText, removeText;
    };
    const Container containers[] = {
        {cat::AccessGroup, actions::name::CircleAddAccessGroup, actions::name::CircleRemoveAccessGroup,
         u"access_group_id"_s, tr("Grant access group"), tr("Revoke access group")},
        {cat::Space, actions::name::CircleAddSpace, actions::name::CircleRemoveSpace, u"space_id"_s,
         tr("Add to space"), tr("Remove from space")},
    };
    for (const Container &c : containers) {
        const QList<reconcile::CatalogItem> items = names.items(provider::Circle, c.kind);
        for (bool grant : {true, false}) {
            QMenu *sub = circle->addMenu(grant ? c.addText : c.removeText);
            sub->setObjectName(u"menu:%1:%2"_s.arg(grant ? u"grant"_s : u"revoke"_s, c.kind));
            if (items.isEmpty())
                emptyNote(sub, tr("None known yet (sync Circle first)"));
            for (const reconcile::CatalogItem &item : items) {
                actions::Action a;
                a.name = grant ? c.add : c.remove;
                a.params = QJsonObject{{u"email"_s, circleEmail}, {c.idKey, item.id}};
                if (!memberId.isEmpty())
                    a.params.insert(u"member_id"_s, memberId);
                const QString what = c.kind == cat::AccessGroup ? tr("access group %1").arg(item.name)
                                                                : tr("space %1").arg(item.name);
                a.description = grant ? tr("Add %1 to %2").arg(circleEmail, what)
                                      : tr("Remove %1 from %2").arg(circleEmail, what);
                add(sub, item.active ? item.name : tr("%1 (archived)").arg(item.name),
                    u"%1:%2"_s.arg(a.name, item.id), a, a.description);
            }
        }
    }
    circle->addSeparator();
    {
        actions::Action a;
        a.name = actions::name::CircleInvite;
        a.params = QJsonObject{{u"email"_s, circleEmail}, {u"name"_s, d.person.displayName}};
        a.description = tr("Invite %1 to Circle").arg(circleEmail);
        add(circle, tr("Invite to Circle…"), a.name, a, a.description)
            ->setToolTip(tr("Nothing happens if an active member has the address already"));
    }
    QMenu *deactivate = circle->addMenu(tr("Deactivate member"));
    deactivate->setObjectName(u"menu:deactivate"_s);
    if (members.isEmpty())
        emptyNote(deactivate, tr("Not a Circle member"));
    for (const Identity &m : members) {
        actions::Action a;
        a.name = actions::name::CircleDeactivate;
        a.params = QJsonObject{{u"member_id"_s, m.externalId}, {u"email"_s, m.email}};
        a.description = tr("Deactivate Circle member %1 (%2)").arg(m.externalId, m.email);
        add(deactivate, tr("%1 (%2)").arg(m.email, m.externalId), u"%1:%2"_s.arg(a.name, m.externalId), a,
            a.description);
    }

    // Kit: tags and sequences.
    const QList<Identity> subscribers = accountsOf(d, provider::Kit);
    const QString kitEmail = emailFor(d, provider::Kit);
    const QString subscriberId = subscribers.isEmpty() ? QString() : subscribers.first().externalId;
    QMenu *kit = m_menu->addMenu(tr("&Kit"));
    kit->setObjectName(u"menu:kit"_s);
    struct KitChoice {
        QString kind, name, idKey, menuText;
    };
    const KitChoice kitChoices[] = {
        {cat::Tag, actions::name::KitAddTag, u"tag_id"_s, tr("Add tag")},
        {cat::Tag, actions::name::KitRemoveTag, u"tag_id"_s, tr("Remove tag")},
        {cat::Sequence, actions::name::KitAddToSequence, u"sequence_id"_s,
         tr("Add to sequence (resend onboarding)")},
    };
    for (const KitChoice &k : kitChoices) {
        QMenu *sub = kit->addMenu(k.menuText);
        sub->setObjectName(u"menu:"_s + k.name);
        const QList<reconcile::CatalogItem> items = names.items(provider::Kit, k.kind);
        if (items.isEmpty())
            emptyNote(sub, tr("None known yet (sync Kit first)"));
        for (const reconcile::CatalogItem &item : items) {
            actions::Action a;
            a.name = k.name;
            a.params = QJsonObject{{u"email"_s, kitEmail}, {k.idKey, item.id}};
            if (!subscriberId.isEmpty())
                a.params.insert(u"subscriber_id"_s, subscriberId);
            a.description = k.name == actions::name::KitAddTag ? tr("Tag %1 with %2").arg(kitEmail, item.name)
                            : k.name == actions::name::KitRemoveTag
                                ? tr("Remove tag %2 from %1").arg(kitEmail, item.name)
                                : tr("Start %1 on sequence %2").arg(kitEmail, item.name);
            add(sub, item.name, u"%1:%2"_s.arg(a.name, item.id), a, a.description);
        }
    }

    // Switchboard's own facts: comps, notes, links.
    m_menu->addSeparator();
    const QString email = primaryEmail(d);
    QMenu *comp = m_menu->addMenu(tr("C&omp a product"));
    comp->setObjectName(u"menu:comp"_s);
    comp->setToolTipsVisible(true);
    const QList<reconcile::CatalogItem> prices = names.items(provider::Stripe, cat::Price);
    const QList<reconcile::CatalogItem> products = names.items(provider::Stripe, cat::Product);
    if (prices.isEmpty() && products.isEmpty())
        emptyNote(comp, tr("No products known yet (sync Stripe first)"));
    for (const QList<reconcile::CatalogItem> *list : {&prices, &products}) {
        for (const reconcile::CatalogItem &item : *list) {
            actions::Action a;
            a.name = actions::name::CompGrant;
            a.params = QJsonObject{{u"email"_s, email}, {u"product_key"_s, item.id}};
            const QString label =
                item.detail.isEmpty() ? item.name : tr("%1 (%2)").arg(item.name, item.detail);
            a.description = tr("Comp %1: %2 without payment").arg(email, label);
            QAction *choice = add(comp, label, u"%1:%2"_s.arg(a.name, item.id), a, a.description);
            choice->setToolTip(item.id);
        }
    }
    {
        actions::Action a;
        a.name = actions::name::NoteAdd;
        a.params = QJsonObject{{u"email"_s, email}};
        a.description = tr("Add a note about %1").arg(email);
        add(m_menu, tr("Add a &note…"), a.name, a, a.description);
    }

    // Linking: with a "possibly the same person"; unlinking: one account becomes a person of its own.
    const QString anchor = anchorOf(d);
    QMenu *link = m_menu->addMenu(tr("&Link with"));
    link->setObjectName(u"menu:link"_s);
    if (d.candidates.isEmpty())
        emptyNote(link, tr("No one looks like the same person"));
    for (const SamePersonCandidate &c : d.candidates) {
        auto other = m_queries->person(c.personId);
        if (!other)
            continue;
        const QString otherAnchor = anchorOf(other.value());
        if (otherAnchor.isEmpty() || anchor.isEmpty())
            continue;
        actions::Action a;
        a.name = actions::name::IdentityLink;
        a.params = QJsonObject{{u"anchor"_s, anchor}, {u"other_anchor"_s, otherAnchor}};
        const QString otherName = c.email.isEmpty() ? c.displayName : c.email;
        a.description = tr("Treat %1 and %2 as one person").arg(email, otherName);
        add(link,
            c.displayName.isEmpty() || c.displayName == c.email ? otherName
                                                                : tr("%1 <%2>").arg(c.displayName, c.email),
            u"%1:%2"_s.arg(a.name, otherAnchor), a, a.description);
    }
    QMenu *unlink = m_menu->addMenu(tr("&Unlink an account"));
    unlink->setObjectName(u"menu:unlink"_s);
    if (d.identities.size() < 2)
        emptyNote(unlink, tr("Only one account: nothing to separate"));
    else
        for (const Identity &i : d.identities) {
            actions::Action a;
            a.name = actions::name::IdentityUnlink;
            a.params = QJsonObject{{u"provider"_s, i.provider}, {u"external_id"_s, i.externalId}};
            const QString system = models::providerLabel(i.provider);
            a.description = tr("Separate %1 account %2 (%3) from %4").arg(system, i.externalId, i.email, who);
            add(unlink, tr("%1 %2 (%3)").arg(system, i.externalId, i.email),
                u"%1:%2:%3"_s.arg(a.name, i.provider, i.externalId), a, a.description);
        }
}

ActionPreviewDialog *PersonActions::preview(const QList<actions::Action> &list, const QString &title)
{
    const std::optional<PersonDetails> &current = m_page->currentDetails();
    const QString who = current ? nameOf(*current) : QString();
    auto *dialog = new ActionPreviewDialog(m_controller, title, {ActionGroup{who, list}},
                                           ActionPreviewDialog::Kind::Steps, m_page->window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const bool note = list.size() == 1 && list.first().name == actions::name::NoteAdd;
    const bool compGrant = list.size() == 1 && list.first().name == actions::name::CompGrant;
    if (note) {
        dialog->setReasonPlaceholder(tr("The note itself (kept in the audit log with your name)"));
        dialog->setBeforeApply([](QList<actions::Action> &l, const QString &reason) {
            for (actions::Action &a : l)
                a.params.insert(u"text"_s, reason);
        });
    }
    if (compGrant) {
        // A comp may end on a date; without one it lasts until revoked.
        auto *row = new QWidget(dialog);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto *ends = new QCheckBox(tr("&Ends on"), row);
        ends->setObjectName(u"compEnds"_s);
        auto *until = new QDateEdit(row);
        until->setObjectName(u"compUntil"_s);
        until->setCalendarPopup(true);
        until->setMinimumDate(QDate::currentDate().addDays(1));
        until->setDate(QDate::currentDate().addMonths(1));
        until->setEnabled(false);
        connect(ends, &QCheckBox::toggled, until, &QWidget::setEnabled);
        h->addWidget(ends);
        h->addWidget(until);
        h->addWidget(new QLabel(tr("(otherwise until revoked)"), row));
        h->addStretch(1);
        dialog->addExtraWidget(row);
        dialog->setBeforeApply([ends, until](QList<actions::Action> &l, const QString &) {
            if (!ends->isChecked())
                return;
            for (actions::Action &a : l)
                a.params.insert(u"until"_s, toMillis(until->date().startOfDay()));
        });
    }
    dialog->open();
    Q_EMIT previewOpened(dialog);
    return dialog;
}

void PersonActions::refreshPage(const actions::BatchReport &report)
{
    if (!m_page->personId())
        return;
    // A link or unlink re-derived every person, so ids changed: find the one shown again by its oldest
    // account (the details on screen still name it), else by any other.
    if (report.rebuilt) {
        if (const std::optional<PersonDetails> &shown = m_page->currentDetails()) {
            QStringList ids{anchorOf(*shown).section(u':', 1)};
            for (const Identity &i : shown->identities)
                ids.append(i.externalId);
            for (const QString &id : std::as_const(ids)) {
                if (auto found = m_queries->resolvePerson(id); found && found.value()) {
                    m_page->showPerson(found.value());
                    return;
                }
            }
        }
    }
    m_page->reload();
}

} // namespace sb::ui
