// The left pane: the search field (Ctrl+K) and results as you type.
#pragma once

#include <QWidget>

class QLineEdit;
class QListView;
class QLabel;
class QStackedWidget;
class QTimer;

namespace sb::models {
class SearchModel;
}

namespace sb::ui {

class SearchPanel : public QWidget {
    Q_OBJECT
public:
    explicit SearchPanel(models::SearchModel *model, QWidget *parent = nullptr);

    QLineEdit *searchField() const { return m_field; }
    QListView *resultsView() const { return m_results; }
    void focusSearch();
    void setCacheEmpty(bool empty);
    void setCanSync(bool canSync);    // changes what the empty cache asks the user to do
    void search(const QString &text); // sets the field and searches at once
    bool openFirstResult();           // as Enter does; false when there is none

Q_SIGNALS:
    void personActivated(qint64 personId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void runSearch();
    void updateState();
    void activate(const QModelIndex &index);

    models::SearchModel *m_model;
    QLineEdit *m_field;
    QListView *m_results;
    QLabel *m_message;
    QStackedWidget *m_stack;
    QTimer *m_debounce;
    bool m_cacheEmpty = false;
    bool m_canSync = true;
};

} // namespace sb::ui
