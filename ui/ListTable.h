// The look and behaviour the list pages' tables share: whole rows selected one at a time, read-only, one line
// per row elided at the right, no grid, alternating rows, no row numbers.
#pragma once

class QTableView;

namespace sb::ui {

void setUpListTable(QTableView *table);

} // namespace sb::ui
