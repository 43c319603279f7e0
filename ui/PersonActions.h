// "Actions ▾" on the person page: grant or revoke a Circle access group or space, invite or deactivate in
// Circle, add or remove a Kit tag, start a sequence again, comp a product, add a note, link a "possibly the
// same person" or unlink an account. Each choice opens the preview with its exact calls and a required
// reason.
#pragma once

#include "actions/Action.h"
#include "actions/ActionRunner.h"
#include "domain/Types.h"

#include <QObject>
#include <QSqlDatabase>

class QMenu;
class QToolButton;

namespace sb::store {
class Queries;
}

namespace sb::ui {

class ActionsController;
class ActionPreviewDialog;
class PersonPage;

class PersonActions : public QObject {
    Q_OBJECT
public:
    // `db` is the window's read connection (for the catalog's names); the button goes on the page's header.
    PersonActions(PersonPage *page, ActionsController *controller, QSqlDatabase db, store::Queries *queries);

    QToolButton *button() const { return m_button; }
    QMenu *menu() const { return m_menu; }
    // Fills the menu for the person shown (done when it opens; tests call it).
    void rebuildMenu();

    // "provider:id" of a person's oldest account: the first Stripe customer, else Circle member, else Kit
    // subscriber (as reconcile::PersonFacts::anchor).
    static QString anchorOf(const PersonDetails &details);

    // Opens the preview for actions about the person shown; the page reloads when they have run.
    ActionPreviewDialog *preview(const QList<actions::Action> &list, const QString &title);

Q_SIGNALS:
    void previewOpened(sb::ui::ActionPreviewDialog *dialog);

public Q_SLOTS:
    // Reads the person shown again after a batch (found again by an account when links changed ids).
    void refreshPage(const actions::BatchReport &report);

private:
    PersonPage *m_page;
    ActionsController *m_controller;
    QSqlDatabase m_db;
    store::Queries *m_queries;
    QToolButton *m_button;
    QMenu *m_menu;
};

} // namespace sb::ui
