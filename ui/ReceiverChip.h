// The status bar's live-events chip: "Live: 127.0.0.1:8788", "Live events off", or why the receiver could
// not start, in red. Its tooltip counts the deliveries taken and refused; a refusal (a bad signature, a body
// too large) is listed there by code and reason, never with its body. Clicking it turns receiving on or off.
#pragma once

#include "sync/WebhookIngest.h"
#include "webhooks/WebhookReceiver.h"

#include <QToolButton>
#include <QUrl>

namespace sb::ui {

class ReceiverChip : public QToolButton {
    Q_OBJECT
public:
    explicit ReceiverChip(QWidget *parent = nullptr);

    // Said in the tooltip whatever the state ("No signing secret is set: …").
    void setNote(const QString &note);
    void setStarting();
    // The engine's receiverChanged: url set when listening, error set when it could not start, both empty
    // when it stopped.
    void receiverChanged(const QUrl &url, const QString &error);
    void webhookReceived(const sync::WebhookReport &report);
    void webhookRefused(const webhooks::Refusal &refusal);

    bool isListening() const { return m_url.isValid(); }
    QUrl url() const { return m_url; } // http://127.0.0.1:PORT while listening
    QString error() const { return m_error; }
    qint64 deliveries() const { return m_deliveries; }
    qint64 refusals() const { return m_refused; }

private:
    void updateLook();

    QUrl m_url;
    QString m_error;
    QString m_note;
    bool m_starting = false;
    qint64 m_deliveries = 0;
    qint64 m_applied = 0;
    qint64 m_duplicates = 0;
    qint64 m_refused = 0;
    QList<webhooks::Refusal> m_lastRefusals; // newest first, a few
};

} // namespace sb::ui
