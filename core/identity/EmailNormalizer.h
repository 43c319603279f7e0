// Normalised email: the only key people are linked on automatically (DESIGN.md "Identity").
#pragma once

#include <QString>
#include <QStringList>

namespace sb {

// Trimmed, case-folded, domain converted from IDN to ASCII. Returns an empty string when the input is not an
// address (no '@', empty local part or domain, whitespace or control characters inside). Deliberately does
// NOT strip plus-addressing or dots: those are "possible same person", never an automatic merge.
QString normalizeEmail(const QString &email);

// The loose form of a normalised address: the local part without a "+suffix" and without dots. Two
// different addresses with one loose form are "possible same person" candidates, never linked by it.
// Empty for an empty input.
QString looseEmail(const QString &normalizedEmail);

} // namespace sb

namespace sb {

// Text folded for search keys and queries: case-folded, compatibility-decomposed, combining marks dropped,
// so "José" is found by "jose". Used on both sides of a search so they always agree.
QString foldForSearch(const QString &text);

// The words of a name, folded, for prefix search by first or last name.
QStringList searchWords(const QString &name);

} // namespace sb
