// The launch-readiness report: every check's result, ordered by what to fix first, rendered for people
// (Markdown, HTML) and for scripts (JSON, `switchboard doctor --json`).
#pragma once

#include "common/Time.h"
#include "doctor/Check.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>

namespace sb::doctor {

struct Report {
    QList<Check> checks;
    Millis startedAt = 0;
    Millis finishedAt = 0;
    bool cancelled = false;

    // Fails first, then warnings, then what is fine, then what was not checked; within a level by weight,
    // then area and id (stable, so two runs over the same facts read the same).
    QList<Check> ordered() const;
    // The fails and warnings in that order: the "fix first" list.
    QList<Check> toFix() const;
    // Grouped by area (alphabetically), each area in ordered() order: the report's sections.
    QList<Check> byArea() const;
    int count(Level level) const;
    // One line: "2 to fix, 3 warnings, 11 fine, 4 not checked".
    QString summary() const;

    QJsonObject toJson() const;
    QByteArray toMarkdown() const;
    // One self-contained, inert HTML page (no script, no remote resource; every value escaped).
    QByteArray toHtml() const;
};

// Markdown with every character that could start markup in a value escaped (titles and details come from
// DNS records, URLs and provider answers, which a hostile party can shape).
QString markdownEscaped(const QString &text);

} // namespace sb::doctor

Q_DECLARE_METATYPE(sb::doctor::Report)
