// "Receive live events": the checkable action that starts and stops the engine's loopback webhook receiver,
// and the status bar chip that shows it. Off by default; [webhooks] receiver = on starts it with the window.
#pragma once

#include "common/Config.h"

#include <QObject>

class QAction;
class QWidget;

namespace sb::sync {
class SyncEngine;
}

namespace sb::ui {

class ReceiverChip;

class LiveReceiver : public QObject {
    Q_OBJECT
public:
    // `engine` may be null (nothing connected): the action is disabled and says why.
    LiveReceiver(sync::SyncEngine *engine, const WebhookSettings &settings, QWidget *parent);

    QAction *toggleAction() const { return m_action; }
    ReceiverChip *chip() const { return m_chip; }

Q_SIGNALS:
    // A delivery put new events in the cache (its people are reconciled already): views should read again.
    void cacheChanged();

private:
    void setOn(bool on);

    sync::SyncEngine *m_engine;
    quint16 m_port;
    QAction *m_action;
    ReceiverChip *m_chip;
};

} // namespace sb::ui
