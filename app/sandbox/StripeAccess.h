// What a Stripe API key may do with one resource. Kept apart so Sandbox.h can name it without the server
// headers.
#pragma once

namespace sb::sandbox {

enum class StripeAccess { None, Read, Write }; // Write implies Read

} // namespace sb::sandbox
