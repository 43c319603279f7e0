#include "ReceiverChip.h"

#include "Formatting.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace {
constexpr int kRefusalsShown = 3;
}

ReceiverChip::ReceiverChip(QWidget *parent)
    : QToolButton(parent)
{
    setObjectName(u"receiverChip"_s);
    setAutoRaise(true);
    setFocusPolicy(Qt::NoFocus); // the menu's "Receive live events" reaches it from the keyboard
    updateLook();
}

void ReceiverChip::setNote(const QString &note)
{
    m_note = note;
    updateLook();
}

void ReceiverChip::setStarting()
{
    m_starting = true;
    m_error.clear();
    updateLook();
}

void ReceiverChip::receiverChanged(const QUrl &url, const QString &error)
{
    m_starting = false;
    m_url = url;
    m_error = error;
    updateLook();
}

void ReceiverChip::webhookReceived(const sync::WebhookReport &report)
{
    ++m_deliveries;
    m_applied += report.applied;
    m_duplicates += report.duplicates;
    updateLook();
}

void ReceiverChip::webhookRefused(const webhooks::Refusal &refusal)
{
    ++m_refused;
    m_lastRefusals.prepend(refusal);
    if (m_lastRefusals.size() > kRefusalsShown)
        m_lastRefusals.removeLast();
    updateLook();
}

void ReceiverChip::updateLook()
{
    const QLocale l;
    QString text;
    QStringList tip;
    QString style;
    if (m_starting) {
        text = tr("Live: starting…");
    } else if (!m_error.isEmpty()) {
        text = tr("Live events: %1").arg(m_error);
        tip.append(tr("The receiver could not start: %1").arg(m_error));
        style = u"QToolButton { color: #b00020; font-weight: bold; }"_s;
    } else if (m_url.isValid()) {
        text = tr("Live: %1:%2").arg(m_url.host()).arg(m_url.port());
        const QString base = m_url.toString(QUrl::StripTrailingSlash);
        tip.append(tr("Receiving events forwarded to %1/webhooks/stripe and %1/webhooks/kit").arg(base));
        style = m_refused ? u"QToolButton { color: #9a5b00; font-weight: bold; }"_s
                          : u"QToolButton { color: #1d5e32; }"_s;
    } else {
        text = tr("Live events off");
        tip.append(
            tr("Turn on “Receive live events” in the Switchboard menu to see payments as they happen."));
    }
    if (m_deliveries || m_refused || m_url.isValid()) {
        tip.append(tr("Received: %1 deliveries, %2 new events applied, %3 already known")
                       .arg(l.toString(m_deliveries), l.toString(m_applied), l.toString(m_duplicates)));
        tip.append(tr("Refused: %1").arg(l.toString(m_refused)));
    }
    if (!m_lastRefusals.isEmpty()) {
        tip.append(tr("Warning: deliveries were refused. Check the signing secret and what forwards them."));
        for (const webhooks::Refusal &r : std::as_const(m_lastRefusals))
            tip.append(tr("  %1 %2: %3").arg(r.status).arg(r.code, r.reason));
    }
    if (!m_note.isEmpty())
        tip.append(m_note);
    // A long system error ("The bound address is already in use") must not push the other chips away;
    // the tooltip has all of it.
    QString shown = fontMetrics().elidedText(text, Qt::ElideRight, 360);
    setText(shown.replace(u'&', u"&&"_s)); // a button reads "&" as a mnemonic
    setToolTip(plainToolTip(tip.join(u'\n')));
    setAccessibleName(text);
    setStyleSheet(style);
}

} // namespace sb::ui
