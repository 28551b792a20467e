package io.lastmile.fiscal.cashdesk;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cash desk ({@code lastmile.fiscal.cashdesk.*}).
 *
 * @param organisation the name printed at the top of the desk's receipt (the operator's company)
 * @param zone the time zone of the printed receipt's date
 */
@ConfigurationProperties("lastmile.fiscal.cashdesk")
record CashDeskProperties(
        @DefaultValue("") String organisation,
        @DefaultValue("Europe/Moscow") ZoneId zone) {}
