// What a list page shows instead of its list: when it is empty, a large title, a wrapped explanation and one
// button ("Clear filters") the page shows only when it helps; when it cannot be read, the error in red and a
// "Try again" button.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace sb::ui {

class EmptyState : public QWidget {
    Q_OBJECT
public:
    enum Kind { Empty, Error };
    // The labels are named `<name>` and `<name>Detail`, the button `buttonName` (tests find them so).
    EmptyState(const QString &name, const QString &buttonText, const QString &buttonName,
               QWidget *parent = nullptr, Kind kind = Empty);

    QLabel *title() const { return m_title; }
    QLabel *detail() const { return m_detail; }
    QPushButton *button() const { return m_button; }

    QString text() const; // title and explanation, one per line

private:
    QLabel *m_title;
    QLabel *m_detail;
    QPushButton *m_button;
};

} // namespace sb::ui
