// The policy: which Circle access groups and spaces, Kit tags and sequences each Stripe price or product
// grants. Shows the saved version and who made it, edits a working copy against the synced catalog (ids the
// catalog does not know stay visible), imports a world file or a policy array, and saves a new version with
// an actor and a reason through reconcile::changePolicy.
#pragma once

#include "reconcile/Catalog.h"
#include "reconcile/Policy.h"

#include <QSqlDatabase>
#include <QWidget>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace sb::ui {

class PolicyPage : public QWidget {
    Q_OBJECT
public:
    // The entries list: what is sold (its name, and its id small beneath), then what it grants, by name.
    enum Column { SoldAsColumn, AccessGroupsColumn, SpacesColumn, TagsColumn, SequencesColumn };
    static constexpr int IdRole = Qt::UserRole + 1; // the price, product or grant id of an item

    // Reads and writes through `db`, the GUI thread's own connection: the policy and the catalog are small.
    explicit PolicyPage(QSqlDatabase db, QWidget *parent = nullptr);

    // Reads the saved policy and the catalog again; unsaved edits are dropped.
    void reload();
    // After a sync: new names in the catalog; the policy too unless there are unsaved edits.
    void refresh();
    bool isDirty() const;
    // Before the page is left: with unsaved changes, asks to save, discard or stay. False: stay.
    bool confirmLeave();
    // Reads a world file or a policy array into the working copy (not saved yet). False on an error, which
    // the page shows.
    bool importFile(const QString &path);
    // Adds an entry for the first price no entry covers yet and selects it.
    void addEntry();
    // Saves the working copy with the reason typed; false (and says why) when it cannot.
    bool save();
    void revert();

    const reconcile::Policy &editedPolicy() const { return m_edited; }
    QString messageText() const;
    QString versionText() const;
    QTreeWidget *entriesView() const { return m_entries; }
    // The name an entry is shown by ("Pro (monthly) · $49.00 / month", "price_x (not in Stripe)").
    QString entryTitle(const reconcile::PolicyEntry &entry) const;

Q_SIGNALS:
    void policyChanged(); // a new version was saved
    void backRequested();

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct GrantList;
    void buildEditor(QWidget *host);
    void showPolicy();
    void fillEntries();
    void describeEntry(QTreeWidgetItem *row, const reconcile::PolicyEntry &entry) const;
    void showEntry(int index);
    void fillSoldAs(const reconcile::PolicyEntry &entry, int index);
    void fillGrantList(GrantList &list, const QStringList &chosen);
    void onGrantToggled(QTreeWidgetItem *item);
    void onSoldAsChosen(int comboIndex);
    void removeEntry();
    void chooseFile();
    void updateButtons();
    void showMessage(const QString &text, bool error);
    QString grantName(const QString &kind, const QString &id) const;
    int currentEntry() const;

    QSqlDatabase m_db;
    reconcile::Catalog m_catalog;
    reconcile::Policy m_saved;
    reconcile::Policy m_edited;
    bool m_readable = true;
    bool m_loaded = false;
    bool m_hasVersion = false;
    bool m_filling = false; // the page is filling its widgets: their signals are not edits
    QLabel *m_version;
    QStackedWidget *m_stack;
    QWidget *m_emptyState;
    QWidget *m_editorState;
    QTreeWidget *m_entries;
    QGroupBox *m_entryBox;
    QComboBox *m_soldAs;
    QList<GrantList *> m_grants;
    QPushButton *m_remove;
    QWidget *m_saveBar = nullptr;
    QLineEdit *m_reason;
    QPushButton *m_save;
    QPushButton *m_revert;
    QLabel *m_unsaved;
    QLabel *m_message;
};

} // namespace sb::ui
