// Labels the detail panes share: selectable plain text that never widens its pane, and section headings.
#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace sb::ui {

// Plain text (it comes from people and providers: never rendered as markup), wrapped and selectable. A long
// unbreakable token (a checkout session id, a hash) is clipped at the label's edge instead of widening the
// pane past its view.
QLabel *plainLabel(QWidget *parent, const QString &objectName);
// A bold, muted section heading ("Why", "Fix plan", "Request").
QLabel *heading(const QString &text, QWidget *parent);

} // namespace sb::ui
