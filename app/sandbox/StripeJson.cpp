#include "StripeJson.h"

#include "StripeWorld.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace sb::sandbox::stripe {

namespace {

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonValue orNull(qint64 v)
{
    return v == 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(v);
}

QJsonObject emptyAddress()
{
    return QJsonObject{{u"city"_s, QJsonValue::Null},        {u"country"_s, QJsonValue::Null},
                       {u"line1"_s, QJsonValue::Null},       {u"line2"_s, QJsonValue::Null},
                       {u"postal_code"_s, QJsonValue::Null}, {u"state"_s, QJsonValue::Null}};
}

QJsonObject list(const QJsonArray &data, const QString &url)
{
    return QJsonObject{{u"object"_s, u"list"_s},
                       {u"data"_s, data},
                       {u"has_more"_s, false},
                       {u"total_count"_s, data.size()},
                       {u"url"_s, url}};
}

QJsonObject cardDetails(qint64 seq)
{
    return QJsonObject{{u"brand"_s, u"visa"_s},
                       {u"country"_s, u"US"_s},
                       {u"exp_month"_s, static_cast<int>(seq % 12) + 1},
                       {u"exp_year"_s, 2028 + static_cast<int>(seq % 5)},
                       {u"fingerprint"_s, u"Xt5EWLLDS7FJjR1c"_s},
                       {u"funding"_s, u"credit"_s},
                       {u"last4"_s, u"4242"_s},
                       {u"network"_s, u"visa"_s},
                       {u"three_d_secure"_s, QJsonValue::Null},
                       {u"wallet"_s, QJsonValue::Null}};
}

QString formatMoney(qint64 amount, const QString &currency)
{
    return u"$"_s + QString::number(amount / 100) + u"."_s +
           QString::number(amount % 100).rightJustified(2, u'0') +
           (currency == u"usd" ? QString() : u" "_s + currency.toUpper());
}

} // namespace

StripeJson::StripeJson(const StripeWorld &world, bool legacy)
    : m_world(world)
    , m_legacy(legacy)
{}

QJsonObject StripeJson::render(const Customer &c) const
{
    return QJsonObject{
        {u"id"_s, c.id},
        {u"object"_s, u"customer"_s},
        {u"address"_s, QJsonValue::Null},
        {u"balance"_s, 0},
        {u"created"_s, c.created},
        {u"currency"_s, orNull(c.currency)},
        {u"default_source"_s, QJsonValue::Null},
        {u"delinquent"_s, c.delinquent},
        {u"description"_s, QJsonValue::Null},
        {u"discount"_s, QJsonValue::Null},
        {u"email"_s, orNull(c.email)},
        {u"invoice_prefix"_s, c.invoicePrefix},
        {u"invoice_settings"_s, QJsonObject{{u"custom_fields"_s, QJsonValue::Null},
                                            {u"default_payment_method"_s, QJsonValue::Null},
                                            {u"footer"_s, QJsonValue::Null},
                                            {u"rendering_options"_s, QJsonValue::Null}}},
        {u"livemode"_s, false},
        {u"metadata"_s, c.metadata},
        {u"name"_s, orNull(c.name)},
        {u"next_invoice_sequence"_s, c.nextInvoiceSequence},
        {u"phone"_s, QJsonValue::Null},
        {u"preferred_locales"_s, QJsonArray()},
        {u"shipping"_s, QJsonValue::Null},
        {u"tax_exempt"_s, u"none"_s},
        {u"test_clock"_s, QJsonValue::Null},
    };
}

QJsonObject StripeJson::render(const Charge &c) const
{
    const bool ok = c.succeeded();
    QJsonObject o{
        {u"id"_s, c.id},
        {u"object"_s, u"charge"_s},
        {u"amount"_s, c.amount},
        {u"amount_captured"_s, ok ? c.amount : 0},
        {u"amount_refunded"_s, c.amountRefunded},
        {u"application"_s, QJsonValue::Null},
        {u"application_fee"_s, QJsonValue::Null},
        {u"application_fee_amount"_s, QJsonValue::Null},
        {u"balance_transaction"_s, orNull(c.balanceTransaction)},
        {u"billing_details"_s, QJsonObject{{u"address"_s, emptyAddress()},
                                           {u"email"_s, orNull(c.email)},
                                           {u"name"_s, orNull(c.name)},
                                           {u"phone"_s, QJsonValue::Null},
                                           {u"tax_id"_s, QJsonValue::Null}}},
        {u"calculated_statement_descriptor"_s, u"SWITCHBOARD SANDBOX"_s},
        {u"captured"_s, ok},
        {u"created"_s, c.created},
        {u"currency"_s, c.currency},
        {u"customer"_s, orNull(c.customer)},
        {u"description"_s, orNull(c.description)},
        {u"disputed"_s, c.disputed},
        {u"failure_balance_transaction"_s, QJsonValue::Null},
        {u"failure_code"_s, orNull(c.failureCode)},
        {u"failure_message"_s, orNull(c.failureMessage)},
        {u"fraud_details"_s, QJsonObject()},
        {u"livemode"_s, false},
        {u"metadata"_s, QJsonObject()},
        {u"on_behalf_of"_s, QJsonValue::Null},
        {u"outcome"_s,
         QJsonObject{
             {u"advice_code"_s, ok ? QJsonValue(QJsonValue::Null) : QJsonValue(u"try_again_later"_s)},
             {u"network_advice_code"_s, QJsonValue::Null},
             {u"network_decline_code"_s, QJsonValue::Null},
             {u"network_status"_s, ok ? u"approved_by_network"_s : u"declined_by_network"_s},
             {u"reason"_s, ok ? QJsonValue(QJsonValue::Null) : QJsonValue(u"generic_decline"_s)},
             {u"risk_level"_s, u"normal"_s},
             {u"seller_message"_s, ok ? u"Payment complete."_s
                                      : u"The bank did not return any further details with this decline."_s},
             {u"type"_s, ok ? u"authorized"_s : u"issuer_declined"_s}}},
        {u"paid"_s, ok},
        {u"payment_intent"_s, orNull(c.paymentIntent)},
        {u"payment_method"_s, orNull(c.paymentMethod)},
        {u"payment_method_details"_s, QJsonObject{{u"card"_s, cardDetails(c.seq)}, {u"type"_s, u"card"_s}}},
        {u"receipt_email"_s, orNull(c.email)},
        {u"receipt_number"_s, QJsonValue::Null},
        {u"receipt_url"_s, QString(u"https://pay.stripe.com/receipts/payment/sandbox/"_s + c.id)},
        {u"refunded"_s, c.refunded()},
        {u"review"_s, QJsonValue::Null},
        {u"shipping"_s, QJsonValue::Null},
        {u"source_transfer"_s, QJsonValue::Null},
        {u"statement_descriptor"_s, QJsonValue::Null},
        {u"statement_descriptor_suffix"_s, QJsonValue::Null},
        {u"status"_s, c.status},
        {u"transfer_data"_s, QJsonValue::Null},
        {u"transfer_group"_s, QJsonValue::Null},
    };
    if (m_legacy)
        o.insert(u"invoice"_s, orNull(c.invoice));
    return o;
}

QJsonObject StripeJson::render(const PaymentIntent &pi) const
{
    QJsonValue lastError = QJsonValue::Null;
    if (!pi.lastErrorCharge.isEmpty()) {
        lastError = QJsonObject{{u"charge"_s, pi.lastErrorCharge},
                                {u"code"_s, u"card_declined"_s},
                                {u"decline_code"_s, u"generic_decline"_s},
                                {u"doc_url"_s, u"https://stripe.com/docs/error-codes/card-declined"_s},
                                {u"message"_s, u"Your card was declined."_s},
                                {u"type"_s, u"card_error"_s}};
    }
    const bool waiting = pi.status == u"requires_payment_method";
    QJsonObject o{
        {u"id"_s, pi.id},
        {u"object"_s, u"payment_intent"_s},
        {u"amount"_s, pi.amount},
        {u"amount_capturable"_s, 0},
        {u"amount_details"_s, QJsonObject{{u"tip"_s, QJsonObject()}}},
        {u"amount_received"_s, pi.amountReceived},
        {u"application"_s, QJsonValue::Null},
        {u"application_fee_amount"_s, QJsonValue::Null},
        {u"automatic_payment_methods"_s, QJsonValue::Null},
        {u"canceled_at"_s, QJsonValue::Null},
        {u"cancellation_reason"_s, QJsonValue::Null},
        {u"capture_method"_s, u"automatic"_s},
        {u"client_secret"_s, QString(pi.id + u"_secret_sandbox"_s)},
        {u"confirmation_method"_s, u"automatic"_s},
        {u"created"_s, pi.created},
        {u"currency"_s, pi.currency},
        {u"customer"_s, orNull(pi.customer)},
        {u"description"_s, orNull(pi.description)},
        {u"last_payment_error"_s, lastError},
        {u"latest_charge"_s, orNull(pi.latestCharge)},
        {u"livemode"_s, false},
        {u"metadata"_s, QJsonObject()},
        {u"next_action"_s, QJsonValue::Null},
        {u"on_behalf_of"_s, QJsonValue::Null},
        {u"payment_method"_s, waiting ? QJsonValue(QJsonValue::Null) : orNull(pi.paymentMethod)},
        {u"payment_method_configuration_details"_s, QJsonValue::Null},
        {u"payment_method_options"_s, QJsonObject()},
        {u"payment_method_types"_s, QJsonArray{u"card"_s}},
        {u"processing"_s, QJsonValue::Null},
        {u"receipt_email"_s, QJsonValue::Null},
        {u"review"_s, QJsonValue::Null},
        {u"setup_future_usage"_s,
         pi.offSession ? QJsonValue(u"off_session"_s) : QJsonValue(QJsonValue::Null)},
        {u"shipping"_s, QJsonValue::Null},
        {u"source"_s, QJsonValue::Null},
        {u"statement_descriptor"_s, QJsonValue::Null},
        {u"statement_descriptor_suffix"_s, QJsonValue::Null},
        {u"status"_s, pi.status},
        {u"transfer_data"_s, QJsonValue::Null},
        {u"transfer_group"_s, QJsonValue::Null},
    };
    if (m_legacy)
        o.insert(u"invoice"_s, orNull(pi.invoice));
    return o;
}

QJsonObject StripeJson::invoiceLine(const Invoice &in) const
{
    const QString description = u"1 × "_s + in.productName + u" (at "_s +
                                formatMoney(in.amountDue, in.currency) + u" / "_s + in.interval + u")"_s;
    QJsonObject line{
        {u"id"_s, in.lineId},
        {u"object"_s, u"line_item"_s},
        {u"amount"_s, in.amountDue},
        {u"currency"_s, in.currency},
        {u"description"_s, description},
        {u"discount_amounts"_s, QJsonArray()},
        {u"discountable"_s, true},
        {u"discounts"_s, QJsonArray()},
        {u"invoice"_s, in.id},
        {u"livemode"_s, false},
        {u"metadata"_s, QJsonObject()},
        {u"period"_s, QJsonObject{{u"end"_s, in.lineEnd}, {u"start"_s, in.lineStart}}},
        {u"quantity"_s, 1},
    };
    if (m_legacy) {
        line.insert(u"price"_s, priceOf(in.price));
        line.insert(u"proration"_s, false);
        line.insert(u"subscription"_s, in.subscription);
        line.insert(u"subscription_item"_s, in.subscriptionItem);
        line.insert(u"type"_s, u"subscription"_s);
    } else {
        const Price *price = m_world.prices().find(in.price);
        line.insert(u"parent"_s,
                    QJsonObject{{u"invoice_item_details"_s, QJsonValue::Null},
                                {u"subscription_item_details"_s,
                                 QJsonObject{{u"invoice_item"_s, QJsonValue::Null},
                                             {u"proration"_s, false},
                                             {u"proration_details"_s,
                                              QJsonObject{{u"credited_items"_s, QJsonValue::Null}}},
                                             {u"subscription"_s, in.subscription},
                                             {u"subscription_item"_s, in.subscriptionItem}}},
                                {u"type"_s, u"subscription_item_details"_s}});
        line.insert(
            u"pricing"_s,
            QJsonObject{{u"price_details"_s, QJsonObject{{u"price"_s, in.price},
                                                         {u"product"_s, price ? price->product : QString()}}},
                        {u"type"_s, u"price_details"_s},
                        {u"unit_amount_decimal"_s, QString::number(in.amountDue)}});
    }
    return line;
}

QJsonObject StripeJson::render(const Invoice &in) const
{
    const bool paid = in.status == u"paid";
    const qint64 finalizedAt = in.created;
    QJsonObject o{
        {u"id"_s, in.id},
        {u"object"_s, u"invoice"_s},
        {u"account_country"_s, u"US"_s},
        {u"account_name"_s, u"Switchboard Sandbox"_s},
        {u"amount_due"_s, in.amountDue},
        {u"amount_paid"_s, in.amountPaid},
        {u"amount_remaining"_s, in.amountDue - in.amountPaid},
        {u"amount_shipping"_s, 0},
        {u"attempt_count"_s, in.attemptCount},
        {u"attempted"_s, in.attemptCount > 0},
        {u"auto_advance"_s, !paid},
        {u"billing_reason"_s, in.billingReason},
        {u"collection_method"_s, u"charge_automatically"_s},
        {u"created"_s, in.created},
        {u"currency"_s, in.currency},
        {u"customer"_s, in.customer},
        {u"customer_address"_s, QJsonValue::Null},
        {u"customer_email"_s, orNull(in.customerEmail)},
        {u"customer_name"_s, orNull(in.customerName)},
        {u"customer_phone"_s, QJsonValue::Null},
        {u"customer_shipping"_s, QJsonValue::Null},
        {u"customer_tax_exempt"_s, u"none"_s},
        {u"customer_tax_ids"_s, QJsonArray()},
        {u"default_payment_method"_s, QJsonValue::Null},
        {u"description"_s, QJsonValue::Null},
        {u"discounts"_s, QJsonArray()},
        {u"due_date"_s, QJsonValue::Null},
        {u"effective_at"_s, finalizedAt},
        {u"ending_balance"_s, 0},
        {u"footer"_s, QJsonValue::Null},
        {u"hosted_invoice_url"_s, QString(u"https://invoice.stripe.com/i/acct_sandbox/test_"_s + in.id)},
        {u"invoice_pdf"_s,
         QString(u"https://pay.stripe.com/invoice/acct_sandbox/test_"_s + in.id + u"/pdf"_s)},
        {u"issuer"_s, QJsonObject{{u"type"_s, u"self"_s}}},
        {u"last_finalization_error"_s, QJsonValue::Null},
        {u"lines"_s, list(QJsonArray{invoiceLine(in)}, QString(u"/v1/invoices/"_s + in.id + u"/lines"_s))},
        {u"livemode"_s, false},
        {u"metadata"_s, QJsonObject()},
        {u"next_payment_attempt"_s, orNull(in.nextPaymentAttempt)},
        {u"number"_s, in.number},
        {u"on_behalf_of"_s, QJsonValue::Null},
        {u"period_end"_s, in.periodEnd},
        {u"period_start"_s, in.periodStart},
        {u"post_payment_credit_notes_amount"_s, 0},
        {u"pre_payment_credit_notes_amount"_s, 0},
        {u"receipt_number"_s, QJsonValue::Null},
        {u"starting_balance"_s, 0},
        {u"statement_descriptor"_s, QJsonValue::Null},
        {u"status"_s, in.status},
        {u"status_transitions"_s, QJsonObject{{u"finalized_at"_s, finalizedAt},
                                              {u"marked_uncollectible_at"_s, QJsonValue::Null},
                                              {u"paid_at"_s, orNull(in.paidAt)},
                                              {u"voided_at"_s, QJsonValue::Null}}},
        {u"subtotal"_s, in.amountDue},
        {u"subtotal_excluding_tax"_s, in.amountDue},
        {u"test_clock"_s, QJsonValue::Null},
        {u"total"_s, in.amountDue},
        {u"total_discount_amounts"_s, QJsonArray()},
        {u"total_excluding_tax"_s, in.amountDue},
        {u"webhooks_delivered_at"_s, in.created},
    };
    if (m_legacy) {
        o.insert(u"subscription"_s, orNull(in.subscription));
        o.insert(u"subscription_details"_s, QJsonObject{{u"metadata"_s, QJsonObject()}});
        o.insert(u"charge"_s, orNull(in.charge));
        o.insert(u"payment_intent"_s, orNull(in.paymentIntent));
        o.insert(u"paid"_s, paid);
    } else {
        o.insert(u"parent"_s,
                 QJsonObject{{u"quote_details"_s, QJsonValue::Null},
                             {u"subscription_details"_s, QJsonObject{{u"metadata"_s, QJsonObject()},
                                                                     {u"subscription"_s, in.subscription}}},
                             {u"type"_s, u"subscription_details"_s}});
        // `payments` only when expanded (see expand()): Stripe leaves it out of invoices and their events.
    }
    return o;
}

QJsonObject StripeJson::priceOf(const QString &id) const
{
    const Price *p = m_world.prices().find(id);
    return p ? render(*p) : QJsonObject{{u"id"_s, id}, {u"object"_s, u"price"_s}};
}

QJsonObject StripeJson::render(const Subscription &s) const
{
    QJsonObject item{
        {u"id"_s, s.itemId},
        {u"object"_s, u"subscription_item"_s},
        {u"created"_s, s.itemCreated},
        {u"discounts"_s, QJsonArray()},
        {u"metadata"_s, QJsonObject()},
        {u"price"_s, priceOf(s.price)},
        {u"quantity"_s, 1},
        {u"subscription"_s, s.id},
        {u"tax_rates"_s, QJsonArray()},
    };
    if (!m_legacy) {
        item.insert(u"current_period_end"_s, s.periodEnd);
        item.insert(u"current_period_start"_s, s.periodStart);
    }
    const bool canceled = s.canceledAt != 0;
    QJsonObject o{
        {u"id"_s, s.id},
        {u"object"_s, u"subscription"_s},
        {u"application"_s, QJsonValue::Null},
        {u"application_fee_percent"_s, QJsonValue::Null},
        {u"automatic_tax"_s, QJsonObject{{u"disabled_reason"_s, QJsonValue::Null},
                                         {u"enabled"_s, false},
                                         {u"liability"_s, QJsonValue::Null}}},
        {u"billing_cycle_anchor"_s, s.billingCycleAnchor},
        {u"billing_cycle_anchor_config"_s, QJsonValue::Null},
        {u"billing_thresholds"_s, QJsonValue::Null},
        {u"cancel_at"_s, orNull(s.cancelAt)},
        {u"cancel_at_period_end"_s, s.cancelAtPeriodEnd},
        {u"canceled_at"_s, orNull(s.canceledAt)},
        {u"cancellation_details"_s,
         QJsonObject{{u"comment"_s, QJsonValue::Null},
                     {u"feedback"_s, QJsonValue::Null},
                     {u"reason"_s,
                      canceled ? QJsonValue(u"cancellation_requested"_s) : QJsonValue(QJsonValue::Null)}}},
        {u"collection_method"_s, u"charge_automatically"_s},
        {u"created"_s, s.created},
        {u"currency"_s, s.currency},
        {u"customer"_s, s.customer},
        {u"days_until_due"_s, QJsonValue::Null},
        {u"default_payment_method"_s, orNull(s.paymentMethod)},
        {u"default_source"_s, QJsonValue::Null},
        {u"default_tax_rates"_s, QJsonArray()},
        {u"description"_s, QJsonValue::Null},
        {u"discounts"_s, QJsonArray()},
        {u"ended_at"_s, orNull(s.endedAt)},
        {u"invoice_settings"_s, QJsonObject{{u"account_tax_ids"_s, QJsonValue::Null},
                                            {u"issuer"_s, QJsonObject{{u"type"_s, u"self"_s}}}}},
        {u"items"_s, list(QJsonArray{item}, QString(u"/v1/subscription_items?subscription="_s + s.id))},
        {u"latest_invoice"_s, orNull(s.latestInvoice)},
        {u"livemode"_s, false},
        {u"metadata"_s, QJsonObject()},
        {u"next_pending_invoice_item_invoice"_s, QJsonValue::Null},
        {u"on_behalf_of"_s, QJsonValue::Null},
        {u"pause_collection"_s, QJsonValue::Null},
        {u"payment_settings"_s, QJsonObject{{u"payment_method_options"_s, QJsonValue::Null},
                                            {u"payment_method_types"_s, QJsonValue::Null},
                                            {u"save_default_payment_method"_s, u"off"_s}}},
        {u"pending_invoice_item_interval"_s, QJsonValue::Null},
        {u"pending_setup_intent"_s, QJsonValue::Null},
        {u"pending_update"_s, QJsonValue::Null},
        {u"schedule"_s, QJsonValue::Null},
        {u"start_date"_s, s.startDate},
        {u"status"_s, s.status},
        {u"test_clock"_s, QJsonValue::Null},
        {u"transfer_data"_s, QJsonValue::Null},
        {u"trial_end"_s, QJsonValue::Null},
        {u"trial_settings"_s,
         QJsonObject{{u"end_behavior"_s, QJsonObject{{u"missing_payment_method"_s, u"create_invoice"_s}}}}},
        {u"trial_start"_s, QJsonValue::Null},
    };
    if (m_legacy) {
        o.insert(u"current_period_end"_s, s.periodEnd);
        o.insert(u"current_period_start"_s, s.periodStart);
        o.insert(u"quantity"_s, 1);
    }
    return o;
}

QJsonObject StripeJson::render(const Refund &r) const
{
    return QJsonObject{
        {u"id"_s, r.id},
        {u"object"_s, u"refund"_s},
        {u"amount"_s, r.amount},
        {u"balance_transaction"_s, orNull(r.balanceTransaction)},
        {u"charge"_s, r.charge},
        {u"created"_s, r.created},
        {u"currency"_s, r.currency},
        {u"destination_details"_s, QJsonObject{{u"card"_s, QJsonObject{{u"reference_status"_s, u"pending"_s},
                                                                       {u"type"_s, u"refund"_s}}},
                                               {u"type"_s, u"card"_s}}},
        {u"metadata"_s, QJsonObject()},
        {u"payment_intent"_s, orNull(r.paymentIntent)},
        {u"reason"_s, orNull(r.reason)},
        {u"receipt_number"_s, QJsonValue::Null},
        {u"source_transfer_reversal"_s, QJsonValue::Null},
        {u"status"_s, r.status},
        {u"transfer_reversal"_s, QJsonValue::Null},
    };
}

QJsonObject StripeJson::render(const Dispute &d) const
{
    return QJsonObject{
        {u"id"_s, d.id},
        {u"object"_s, u"dispute"_s},
        {u"amount"_s, d.amount},
        {u"balance_transactions"_s, QJsonArray()},
        {u"charge"_s, d.charge},
        {u"created"_s, d.created},
        {u"currency"_s, d.currency},
        {u"evidence"_s, QJsonObject{{u"customer_email_address"_s, QJsonValue::Null},
                                    {u"customer_name"_s, QJsonValue::Null},
                                    {u"product_description"_s, QJsonValue::Null},
                                    {u"uncategorized_text"_s, QJsonValue::Null}}},
        {u"evidence_details"_s, QJsonObject{{u"due_by"_s, d.dueBy},
                                            {u"has_evidence"_s, false},
                                            {u"past_due"_s, false},
                                            {u"submission_count"_s, 0}}},
        {u"is_charge_refundable"_s, false},
        {u"livemode"_s, false},
        {u"metadata"_s, QJsonObject()},
        {u"payment_intent"_s, orNull(d.paymentIntent)},
        {u"payment_method_details"_s,
         QJsonObject{{u"card"_s, QJsonObject{{u"brand"_s, u"visa"_s},
                                             {u"case_type"_s, u"chargeback"_s},
                                             {u"network_reason_code"_s, u"10.4"_s}}},
                     {u"type"_s, u"card"_s}}},
        {u"reason"_s, d.reason},
        {u"status"_s, d.status},
    };
}

QJsonObject StripeJson::render(const CheckoutSession &cs) const
{
    const bool subscription = cs.mode == u"subscription";
    return QJsonObject{
        {u"id"_s, cs.id},
        {u"object"_s, u"checkout.session"_s},
        {u"after_expiration"_s, QJsonValue::Null},
        {u"allow_promotion_codes"_s, QJsonValue::Null},
        {u"amount_subtotal"_s, cs.amountTotal},
        {u"amount_total"_s, cs.amountTotal},
        {u"automatic_tax"_s, QJsonObject{{u"enabled"_s, false},
                                         {u"liability"_s, QJsonValue::Null},
                                         {u"status"_s, QJsonValue::Null}}},
        {u"billing_address_collection"_s, QJsonValue::Null},
        {u"cancel_url"_s, u"https://example.com/pricing"_s},
        {u"client_reference_id"_s, QJsonValue::Null},
        {u"client_secret"_s, QJsonValue::Null},
        {u"consent"_s, QJsonValue::Null},
        {u"consent_collection"_s, QJsonValue::Null},
        {u"created"_s, cs.created},
        {u"currency"_s, cs.currency},
        {u"custom_fields"_s, QJsonArray()},
        {u"custom_text"_s, QJsonObject{{u"after_submit"_s, QJsonValue::Null},
                                       {u"shipping_address"_s, QJsonValue::Null},
                                       {u"submit"_s, QJsonValue::Null},
                                       {u"terms_of_service_acceptance"_s, QJsonValue::Null}}},
        {u"customer"_s, orNull(cs.customer)},
        {u"customer_creation"_s, subscription ? QJsonValue(QJsonValue::Null) : QJsonValue(u"always"_s)},
        {u"customer_details"_s, QJsonObject{{u"address"_s, emptyAddress()},
                                            {u"email"_s, orNull(cs.email)},
                                            {u"name"_s, orNull(cs.name)},
                                            {u"phone"_s, QJsonValue::Null},
                                            {u"tax_exempt"_s, u"none"_s},
                                            {u"tax_ids"_s, QJsonArray()}}},
        {u"customer_email"_s, QJsonValue::Null},
        {u"expires_at"_s, cs.created + 86400},
        {u"invoice"_s, orNull(cs.invoice)},
        {u"invoice_creation"_s, QJsonValue::Null},
        {u"livemode"_s, false},
        {u"locale"_s, QJsonValue::Null},
        {u"metadata"_s, QJsonObject()},
        {u"mode"_s, cs.mode},
        {u"payment_intent"_s, orNull(cs.paymentIntent)},
        {u"payment_link"_s, QJsonValue::Null},
        {u"payment_method_collection"_s, u"always"_s},
        {u"payment_method_options"_s, QJsonObject()},
        {u"payment_method_types"_s, QJsonArray{u"card"_s}},
        {u"payment_status"_s, cs.paymentStatus},
        {u"phone_number_collection"_s, QJsonObject{{u"enabled"_s, false}}},
        {u"recovered_from"_s, QJsonValue::Null},
        {u"setup_intent"_s, QJsonValue::Null},
        {u"shipping_address_collection"_s, QJsonValue::Null},
        {u"shipping_cost"_s, QJsonValue::Null},
        {u"shipping_options"_s, QJsonArray()},
        {u"status"_s, cs.status},
        {u"submit_type"_s, QJsonValue::Null},
        {u"subscription"_s, orNull(cs.subscription)},
        {u"success_url"_s, u"https://example.com/welcome?session_id={CHECKOUT_SESSION_ID}"_s},
        {u"total_details"_s,
         QJsonObject{{u"amount_discount"_s, 0}, {u"amount_shipping"_s, 0}, {u"amount_tax"_s, 0}}},
        {u"ui_mode"_s, u"hosted"_s},
        {u"url"_s, QJsonValue::Null},
    };
}

QJsonObject StripeJson::render(const Product &p) const
{
    return QJsonObject{
        {u"id"_s, p.id},
        {u"object"_s, u"product"_s},
        {u"active"_s, true},
        {u"created"_s, p.created},
        {u"default_price"_s, orNull(p.defaultPrice)},
        {u"description"_s, QJsonValue::Null},
        {u"images"_s, QJsonArray()},
        {u"livemode"_s, false},
        {u"marketing_features"_s, QJsonArray()},
        {u"metadata"_s, QJsonObject()},
        {u"name"_s, p.name},
        {u"package_dimensions"_s, QJsonValue::Null},
        {u"shippable"_s, QJsonValue::Null},
        {u"statement_descriptor"_s, QJsonValue::Null},
        {u"tax_code"_s, QJsonValue::Null},
        {u"type"_s, u"service"_s},
        {u"unit_label"_s, QJsonValue::Null},
        {u"updated"_s, p.created},
        {u"url"_s, QJsonValue::Null},
    };
}

QJsonObject StripeJson::render(const Price &p) const
{
    QJsonValue recurring = QJsonValue::Null;
    if (!p.interval.isEmpty()) {
        recurring = QJsonObject{{u"interval"_s, p.interval},
                                {u"interval_count"_s, 1},
                                {u"meter"_s, QJsonValue::Null},
                                {u"trial_period_days"_s, QJsonValue::Null},
                                {u"usage_type"_s, u"licensed"_s}};
    }
    return QJsonObject{
        {u"id"_s, p.id},
        {u"object"_s, u"price"_s},
        {u"active"_s, true},
        {u"billing_scheme"_s, u"per_unit"_s},
        {u"created"_s, p.created},
        {u"currency"_s, p.currency},
        {u"custom_unit_amount"_s, QJsonValue::Null},
        {u"livemode"_s, false},
        {u"lookup_key"_s, QJsonValue::Null},
        {u"metadata"_s, QJsonObject()},
        {u"nickname"_s, QJsonValue::Null},
        {u"product"_s, p.product},
        {u"recurring"_s, recurring},
        {u"tax_behavior"_s, u"unspecified"_s},
        {u"tiers_mode"_s, QJsonValue::Null},
        {u"transform_quantity"_s, QJsonValue::Null},
        {u"type"_s, p.interval.isEmpty() ? u"one_time"_s : u"recurring"_s},
        {u"unit_amount"_s, p.unitAmount},
        {u"unit_amount_decimal"_s, QString::number(p.unitAmount)},
    };
}

QJsonObject StripeJson::renderSnapshot(const Snapshot &s) const
{
    return std::visit([this](const auto &object) { return render(object); }, s);
}

QJsonObject StripeJson::render(const Event &e) const
{
    const StripeJson shape(m_world, e.legacy);
    QJsonObject data{{u"object"_s, shape.renderSnapshot(e.object)}};
    if (!e.previous.isEmpty())
        data.insert(u"previous_attributes"_s, e.previous);
    return QJsonObject{
        {u"id"_s, e.id},
        {u"object"_s, u"event"_s},
        {u"api_version"_s, e.legacy ? LegacyVersion : BasilVersion},
        {u"created"_s, e.created},
        {u"data"_s, data},
        {u"livemode"_s, false},
        {u"pending_webhooks"_s, 0},
        {u"request"_s, QJsonObject{{u"id"_s, QJsonValue::Null}, {u"idempotency_key"_s, QJsonValue::Null}}},
        {u"type"_s, e.type},
    };
}

QJsonObject StripeJson::renderId(const QString &id) const
{
    const auto one = [this](const auto &table, const QString &key) -> QJsonObject {
        const auto *row = table.find(key);
        return row ? render(*row) : QJsonObject();
    };
    if (id.startsWith(u"cus_"))
        return one(m_world.customers(), id);
    if (id.startsWith(u"ch_"))
        return one(m_world.charges(), id);
    if (id.startsWith(u"pi_"))
        return one(m_world.paymentIntents(), id);
    if (id.startsWith(u"in_"))
        return one(m_world.invoices(), id);
    if (id.startsWith(u"sub_"))
        return one(m_world.subscriptions(), id);
    if (id.startsWith(u"re_"))
        return one(m_world.refunds(), id);
    if (id.startsWith(u"du_"))
        return one(m_world.disputes(), id);
    if (id.startsWith(u"cs_"))
        return one(m_world.checkoutSessions(), id);
    if (id.startsWith(u"evt_"))
        return one(m_world.events(), id);
    if (const QJsonObject price = one(m_world.prices(), id); !price.isEmpty())
        return price;
    return one(m_world.products(), id);
}

QString StripeJson::lineItemsUrl(const QString &session)
{
    return u"/v1/checkout/sessions/"_s + session + u"/line_items"_s;
}

QJsonArray StripeJson::lineItems(const CheckoutSession &cs) const
{
    const Price *price = m_world.prices().find(cs.price);
    if (cs.lineItemId.isEmpty() || !price)
        return {};
    const Product *product = m_world.products().find(price->product);
    // One unit of one price, no discount or tax: the subtotal and the total are the session's amount.
    return QJsonArray{QJsonObject{
        {u"id"_s, cs.lineItemId},
        {u"object"_s, u"item"_s},
        {u"amount_discount"_s, 0},
        {u"amount_subtotal"_s, cs.amountTotal},
        {u"amount_tax"_s, 0},
        {u"amount_total"_s, cs.amountTotal},
        {u"currency"_s, cs.currency},
        {u"description"_s, product ? QJsonValue(product->name) : QJsonValue(QJsonValue::Null)},
        {u"metadata"_s, QJsonValue::Null},
        {u"price"_s, render(*price)},
        {u"quantity"_s, 1},
    }};
}

QString StripeJson::invoicePaymentsUrl()
{
    return u"/v1/invoice_payments"_s;
}

QJsonArray StripeJson::invoicePayments(const Invoice &in) const
{
    // One payment intent per invoice in the sandbox: its one invoice payment, named after the invoice.
    if (in.paymentIntent.isEmpty())
        return {};
    const bool paid = in.status == u"paid";
    return QJsonArray{QJsonObject{
        {u"id"_s, QString(u"inpay_"_s + in.id.mid(3))},
        {u"object"_s, u"invoice_payment"_s},
        {u"amount_paid"_s, paid ? QJsonValue(in.amountPaid) : QJsonValue(QJsonValue::Null)},
        {u"amount_requested"_s, in.amountDue},
        {u"created"_s, in.created},
        {u"currency"_s, in.currency},
        {u"invoice"_s, in.id},
        {u"is_default"_s, true},
        {u"livemode"_s, false},
        {u"payment"_s,
         QJsonObject{{u"payment_intent"_s, in.paymentIntent}, {u"type"_s, u"payment_intent"_s}}},
        {u"status"_s, paid ? u"paid"_s : u"open"_s},
        {u"status_transitions"_s,
         QJsonObject{{u"canceled_at"_s, QJsonValue::Null}, {u"paid_at"_s, orNull(in.paidAt)}}},
    }};
}

void StripeJson::expand(QJsonObject &object, const QStringList &fields) const
{
    for (const QString &field : fields) {
        if (field == u"line_items" && object.value(u"object").toString() == u"checkout.session") {
            if (const CheckoutSession *cs = m_world.checkoutSessions().find(object.value(u"id").toString())) {
                object.insert(field, QJsonObject{{u"object"_s, u"list"_s},
                                                 {u"data"_s, lineItems(*cs)},
                                                 {u"has_more"_s, false},
                                                 {u"url"_s, lineItemsUrl(cs->id)}});
            }
            continue;
        }
        // Basil invoices only: before it an invoice named its one payment_intent and had no payments.
        if (field == u"payments" && !m_legacy && object.value(u"object").toString() == u"invoice") {
            if (const Invoice *in = m_world.invoices().find(object.value(u"id").toString()))
                object.insert(field, QJsonObject{{u"object"_s, u"list"_s},
                                                 {u"data"_s, invoicePayments(*in)},
                                                 {u"has_more"_s, false},
                                                 {u"url"_s, invoicePaymentsUrl()}});
            continue;
        }
        const QJsonValue v = object.value(field);
        if (!v.isString())
            continue;
        const QJsonObject expanded = renderId(v.toString());
        if (!expanded.isEmpty())
            object.insert(field, expanded);
    }
}

} // namespace sb::sandbox::stripe
