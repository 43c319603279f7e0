// Outside text (a provider's name, an email) shown inside other text: kept as written, but unable to
// reorder what surrounds it.
#pragma once

#include <QString>

namespace sb {

// True when the text holds a bidi control (embeddings, overrides, isolates, marks) or a right-to-left
// letter: the text that can move its neighbours when shown.
bool hasBidiEffect(const QString &text);

// The text wrapped in a first-strong isolate (U+2068 … U+2069) when hasBidiEffect, else unchanged, so
// "Name — email" with a U+202E in the name still shows the email after the name, readable. Isolate marks
// inside the text are balanced first (a stray U+2069 would otherwise end the wrapper early and let an
// override out); everything else is kept, so what is shown is what the provider sent.
QString isolatedForDisplay(const QString &text);

} // namespace sb
