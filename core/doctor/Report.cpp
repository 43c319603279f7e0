#include "doctor/Report.h"

#include <QJsonArray>
#include <QMap>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::doctor {

namespace {

QString areaTitle(const QString &area)
{
    static const QMap<QString, QString> titles{
        {u"stripe_webhooks"_s, u"Stripe webhook endpoints"_s},
        {u"webhook_probe"_s, u"Your webhook URL"_s},
        {u"email_auth"_s, u"Email authentication"_s},
        {u"page_probe"_s, u"Checkout and login pages"_s},
        {u"journeys"_s, u"Recent buyers' journeys"_s},
        {u"receiver"_s, u"Live events in Switchboard"_s},
    };
    return titles.value(area, area);
}

QString levelWord(Level level)
{
    switch (level) {
    case Level::Fail:
        return u"Fix"_s;
    case Level::Warn:
        return u"Warning"_s;
    case Level::Ok:
        return u"OK"_s;
    case Level::Skipped:
        return u"Not checked"_s;
    }
    return {};
}

} // namespace

QList<Check> Report::ordered() const
{
    QList<Check> out = checks;
    std::stable_sort(out.begin(), out.end(), [](const Check &a, const Check &b) {
        if (a.level != b.level)
            return int(a.level) < int(b.level);
        if (a.weight != b.weight)
            return a.weight < b.weight;
        if (a.area != b.area)
            return a.area < b.area;
        return a.id < b.id;
    });
    return out;
}

QList<Check> Report::toFix() const
{
    QList<Check> out;
    for (const Check &c : ordered()) {
        if (c.level == Level::Fail || c.level == Level::Warn)
            out.append(c);
    }
    return out;
}

QList<Check> Report::byArea() const
{
    QList<Check> out = ordered();
    std::stable_sort(out.begin(), out.end(), [](const Check &a, const Check &b) { return a.area < b.area; });
    return out;
}

int Report::count(Level level) const
{
    return int(
        std::count_if(checks.cbegin(), checks.cend(), [level](const Check &c) { return c.level == level; }));
}

QString Report::summary() const
{
    return u"%1 to fix, %2 warnings, %3 fine, %4 not checked"_s.arg(count(Level::Fail))
        .arg(count(Level::Warn))
        .arg(count(Level::Ok))
        .arg(count(Level::Skipped));
}

QJsonObject Report::toJson() const
{
    QJsonArray list;
    for (const Check &c : ordered())
        list.append(doctor::toJson(c));
    return QJsonObject{{u"started_at"_s, isoUtc(startedAt)},
                       {u"finished_at"_s, isoUtc(finishedAt)},
                       {u"cancelled"_s, cancelled},
                       {u"summary"_s, summary()},
                       {u"counts"_s, QJsonObject{{u"fail"_s, count(Level::Fail)},
                                                 {u"warn"_s, count(Level::Warn)},
                                                 {u"ok"_s, count(Level::Ok)},
                                                 {u"skipped"_s, count(Level::Skipped)}}},
                       {u"checks"_s, list}};
}

QString markdownEscaped(const QString &text)
{
    QString out;
    out.reserve(text.size() + 8);
    // What starts a block at the beginning of a line (a heading, a list, a quote, a rule) is escaped there;
    // the report never begins a line with a value otherwise.
    qsizetype digits = 0;
    while (digits < text.size() && text.at(digits).isDigit())
        ++digits;
    const bool orderedList =
        digits > 0 && digits < text.size() && (text.at(digits) == u'.' || text.at(digits) == u')');
    if (!text.isEmpty() && (u"#+-="_s.contains(text.at(0)) || orderedList)) {
        if (orderedList) {
            out += text.first(digits) + u'\\';
            return out + markdownEscaped(text.sliced(digits));
        }
        out += u'\\';
    }
    for (const QChar c : text) {
        // Only what starts markup inside a line (the text never begins one): emphasis, code, links, HTML,
        // tables.
        if (u"\\`*_[]<>|~"_s.contains(c))
            out += u'\\';
        if (c == u'\n' || c == u'\r')
            out += u' ';
        else
            out += c;
    }
    return out;
}

QByteArray Report::toMarkdown() const
{
    QString md = u"# Launch readiness\n\n"_s;
    md += u"Checked %1. %2.\n\n"_s.arg(isoUtc(finishedAt), summary());
    if (cancelled)
        md += u"The run was cancelled: some checks did not finish.\n\n"_s;
    const QList<Check> fix = toFix();
    if (!fix.isEmpty()) {
        md += u"## Fix first\n\n"_s;
        int n = 0;
        for (const Check &c : fix) {
            md += u"%1. **%2** — %3"_s.arg(++n).arg(levelWord(c.level), markdownEscaped(c.title));
            if (!c.fix.isEmpty())
                md += u"  \n   %1"_s.arg(markdownEscaped(c.fix));
            md += u'\n';
        }
        md += u'\n';
    } else {
        md += u"Nothing needs fixing.\n\n"_s;
    }
    QString area;
    for (const Check &c : byArea()) {
        if (c.area != area) {
            area = c.area;
            md += u"\n## %1\n\n"_s.arg(markdownEscaped(areaTitle(area)));
        }
        md += u"- **%1**: %2"_s.arg(levelWord(c.level), markdownEscaped(c.title));
        if (!c.detail.isEmpty())
            md += u"  \n  %1"_s.arg(markdownEscaped(c.detail));
        md += u'\n';
    }
    return md.toUtf8();
}

QByteArray Report::toHtml() const
{
    auto esc = [](const QString &s) {
        return s.toHtmlEscaped();
    };
    QString html = u"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
                   "'unsafe-inline'\">"
                   "<title>Launch readiness</title><style>"
                   "body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
                   ".fail{color:#b00020}.warn{color:#8a5a00}.ok{color:#1b6e2d}.skipped{color:#666}"
                   "li{margin:.4em 0}.detail{color:#555;font-size:90%}</style></head><body>\n"_s;
    html +=
        u"<h1>Launch readiness</h1>\n<p>Checked %1. %2.</p>\n"_s.arg(esc(isoUtc(finishedAt)), esc(summary()));
    if (cancelled)
        html += u"<p>The run was cancelled: some checks did not finish.</p>\n"_s;
    const QList<Check> fix = toFix();
    if (!fix.isEmpty()) {
        html += u"<h2>Fix first</h2>\n<ol>\n"_s;
        for (const Check &c : fix) {
            html += u"<li><strong class=\"%1\">%2</strong> — %3"_s.arg(
                QString::fromLatin1(levelCode(c.level)), esc(levelWord(c.level)), esc(c.title));
            if (!c.fix.isEmpty())
                html += u"<br>%1"_s.arg(esc(c.fix));
            html += u"</li>\n"_s;
        }
        html += u"</ol>\n"_s;
    } else {
        html += u"<p>Nothing needs fixing.</p>\n"_s;
    }
    QString area;
    for (const Check &c : byArea()) {
        if (c.area != area) {
            if (!area.isEmpty())
                html += u"</ul>\n"_s;
            area = c.area;
            html += u"<h2>%1</h2>\n<ul>\n"_s.arg(esc(areaTitle(area)));
        }
        html += u"<li><span class=\"%1\">%2</span>: %3"_s.arg(QString::fromLatin1(levelCode(c.level)),
                                                              esc(levelWord(c.level)), esc(c.title));
        if (!c.detail.isEmpty())
            html += u"<div class=\"detail\">%1</div>"_s.arg(esc(c.detail));
        html += u"</li>\n"_s;
    }
    if (!area.isEmpty())
        html += u"</ul>\n"_s;
    html += u"</body></html>\n"_s;
    return html.toUtf8();
}

} // namespace sb::doctor
