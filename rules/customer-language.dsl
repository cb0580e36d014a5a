# The analysts' language for segment rules (used by *.dslr files).
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

[when]There is a customer=$c : CustomerFacts()

[when]the customer spent more than {amount:[0-9.]+} in the last {days:[0-9]+} days=CustomerFacts( this == $c, rawHistory, spentWithinDays( {days} ) > {amount}B )
[when]the customer spent less than {amount:[0-9.]+} in the last {days:[0-9]+} days=CustomerFacts( this == $c, rawHistory, spentWithinDays( {days} ) < {amount}B )
[when]the customer spent between {low:[0-9.]+} and {high:[0-9.]+}=CustomerFacts( this == $c, totalSpent >= {low}B, totalSpent <= {high}B )
[when]the customer spent more than {amount:[0-9.]+}=CustomerFacts( this == $c, totalSpent > {amount}B )
[when]the customer spent less than {amount:[0-9.]+}=CustomerFacts( this == $c, totalSpent < {amount}B )
[when]the customer spent exactly {amount:[0-9.]+}=CustomerFacts( this == $c, totalSpent == {amount}B )

[when]the customer placed an order in the last {days:[0-9]+} days=CustomerFacts( this == $c, orderCount > 0, daysSinceLastOrder <= {days} )
[when]the customer placed an order between {from:[0-9-]+} and {to:[0-9-]+}=CustomerFacts( this == $c, rawHistory, ordersBetween( "{from}", "{to}" ) > 0 )
[when]the customer has not ordered for {days:[0-9]+} days=CustomerFacts( this == $c, orderCount == 0 || daysSinceLastOrder >= {days} )
[when]the customer has not ordered since {date:[0-9-]+}=CustomerFacts( this == $c, rawHistory, notOrderedSince( "{date}" ) )

[when]the customer placed more than {count:[0-9]+} orders=CustomerFacts( this == $c, orderCount > {count} )
[when]the customer placed fewer than {count:[0-9]+} orders=CustomerFacts( this == $c, orderCount < {count} )
[when]the customer placed exactly {count:[0-9]+} orders=CustomerFacts( this == $c, orderCount == {count} )

[when]the customer ordered product {sku:\S+}=CustomerFacts( this == $c, rawHistory, orderedSku( "{sku}" ) )
[when]the customer ordered from collection {collection:\S+}=CustomerFacts( this == $c, rawHistory, orderedFromCollection( "{collection}" ) )
[when]the customer abandoned a checkout=CustomerFacts( this == $c, abandonedCheckout )

[when]the customer lives in {country:[A-Za-z]+}=CustomerFacts( this == $c, country == "{country}" )
[when]the customer accepts email=CustomerFacts( this == $c, emailConsent )
[when]the customer accepts SMS=CustomerFacts( this == $c, smsConsent )
[when]the customer accepts tracking=CustomerFacts( this == $c, trackingConsent )
[when]the customer subscribes to the newsletter=CustomerFacts( this == $c, newsletter )
[when]the customer is in segment {segment:[A-Z0-9_]+}=SegmentMatch( customer == $c, segment == "{segment}" )
[when]the customer is a {persona:[A-Z0-9_]+}=PrimaryPersona( customer == $c, persona == "{persona}" )

[then]Add the customer to segment {segment:[A-Z0-9_]+} because {reason}=insert( new SegmentMatch( $c, "{segment}", "{reason}" ) );
[then]Recommend {action:[A-Z0-9_]+} by {channel:EMAIL|SMS|PAID_SOCIAL|ALL} with priority {priority:[0-9]+} for {source:[A-Z0-9_]+} because {reason}=insert( new Recommendation( $c, "{action}", "{channel}", {priority}, "{source}", "{reason}" ) );
