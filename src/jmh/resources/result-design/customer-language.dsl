# rules/customer-language.dsl in the "result" fact design (a benchmark prototype): the same
# phrases, mapped onto the Evaluation that wraps the customer. The analysts' language for
# segment rules (used by *.dslr files).
#
# Each line maps a phrase to DRL. A rule starts its conditions with "There is a customer";
# every other condition is a phrase on its own line, combined with and / or / not:
#
#   There is a customer
#   the customer lives in SE
#   not the customer placed an order in the last 180 days
#   ( the customer ordered from collection shoes or the customer ordered product SHOE-42 )
#
# Values are written without quotes: amounts as numbers (300, 49.90), dates as yyyy-MM-dd,
# countries as ISO codes (SE), skus and collections as they appear in orders.
# Longer phrases come first so that they win over their shorter beginnings.
#
# Phrases about products, collections, dates and money in the last N days read the raw orders: a
# customer sent as a summary has none, so these phrases are false for them (and "not <phrase>"
# true). A rule that says "not the customer is a ..." or "not the customer is in segment ..."
# must run after personas and segments are known: give it "salience -150" after its name.

[when]There is a customer=$e : Evaluation( $c : customer )

[when]the customer spent more than {amount:[0-9.]+} in the last {days:[0-9]+} days=Evaluation( this == $e, customer.rawHistory, customer.spentWithinDays( {days} ) > {amount}B )
[when]the customer spent less than {amount:[0-9.]+} in the last {days:[0-9]+} days=Evaluation( this == $e, customer.rawHistory, customer.spentWithinDays( {days} ) < {amount}B )
[when]the customer spent between {low:[0-9.]+} and {high:[0-9.]+}=Evaluation( this == $e, customer.totalSpent >= {low}B, customer.totalSpent <= {high}B )
[when]the customer spent more than {amount:[0-9.]+}=Evaluation( this == $e, customer.totalSpent > {amount}B )
[when]the customer spent less than {amount:[0-9.]+}=Evaluation( this == $e, customer.totalSpent < {amount}B )
[when]the customer spent exactly {amount:[0-9.]+}=Evaluation( this == $e, customer.totalSpent == {amount}B )

[when]the customer placed an order in the last {days:[0-9]+} days=Evaluation( this == $e, customer.orderCount > 0, customer.daysSinceLastOrder <= {days} )
[when]the customer placed an order between {from:[0-9-]+} and {to:[0-9-]+}=Evaluation( this == $e, customer.rawHistory, customer.ordersBetween( "{from}", "{to}" ) > 0 )
[when]the customer has not ordered for {days:[0-9]+} days=Evaluation( this == $e, customer.orderCount == 0 || customer.daysSinceLastOrder >= {days} )
[when]the customer has not ordered since {date:[0-9-]+}=Evaluation( this == $e, customer.rawHistory, customer.notOrderedSince( "{date}" ) )

[when]the customer placed more than {count:[0-9]+} orders=Evaluation( this == $e, customer.orderCount > {count} )
[when]the customer placed fewer than {count:[0-9]+} orders=Evaluation( this == $e, customer.orderCount < {count} )
[when]the customer placed exactly {count:[0-9]+} orders=Evaluation( this == $e, customer.orderCount == {count} )

[when]the customer ordered product {sku:\S+}=Evaluation( this == $e, customer.rawHistory, customer.orderedSku( "{sku}" ) )
[when]the customer ordered from collection {collection:\S+}=Evaluation( this == $e, customer.rawHistory, customer.orderedFromCollection( "{collection}" ) )
[when]the customer abandoned a checkout=Evaluation( this == $e, customer.abandonedCheckout )

[when]the customer lives in {country:[A-Za-z]+}=Evaluation( this == $e, customer.country == "{country}" )
[when]the customer accepts email=Evaluation( this == $e, customer.emailConsent )
[when]the customer accepts SMS=Evaluation( this == $e, customer.smsConsent )
[when]the customer accepts tracking=Evaluation( this == $e, customer.trackingConsent )
[when]the customer subscribes to the newsletter=Evaluation( this == $e, customer.newsletter )
[when]the customer is in segment {segment:[A-Z0-9_]+}=eval( $e.inSegment( "{segment}" ) )
[when]the customer is a {persona:[A-Z0-9_]+}=Evaluation( this == $e, primary == "{persona}" )

[then]Add the customer to segment {segment:[A-Z0-9_]+} because {reason}=$e.addSegment( "{segment}", "{reason}" );
[then]Recommend {action:[A-Z0-9_]+} by {channel:EMAIL|SMS|PAID_SOCIAL|ALL} with priority {priority:[0-9]+} for {source:[A-Z0-9_]+} because {reason}=$e.recommend( "{action}", "{channel}", {priority}, "{source}", "{reason}" );
