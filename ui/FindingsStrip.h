// The top of the person page: what is wrong with this person right now (their open and snoozed findings), one
// tinted line each, with the "why" and the fix plan behind a Details toggle. Hidden when nothing is wrong.
#pragma once

#include "store/FindingsStore.h"

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace sb::ui {

class FindingsStrip : public QWidget {
    Q_OBJECT
public:
    explicit FindingsStrip(QWidget *parent = nullptr);

    // Without a store the strip stays hidden.
    void setStore(store::FindingsStore *store) { m_store = store; }
    void showPerson(qint64 personId);
    void reload() { showPerson(m_personId); }
    // An open (not snoozed) finding of this rule.
    bool hasRule(const QString &rule) const;
    // What the strip says, one line per finding, for the page's header text and tests.
    QStringList lines() const { return m_lines; }

private:
    QWidget *row(const store::StoredFinding &s);

    store::FindingsStore *m_store = nullptr;
    qint64 m_personId = 0;
    QList<store::StoredFinding> m_findings;
    QStringList m_lines;
    bool m_showAll = false;
    QVBoxLayout *m_rows;
    QWidget *m_content = nullptr;
};

} // namespace sb::ui
