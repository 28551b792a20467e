package io.lastmile.billing.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ServicePeriodParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"P1M", "P3M", "P1Y", "P2Y", "P1Y6M", "P10D", "PT12H", "PT36H", "P1M10D", "P1DT12H"})
    void givesBackTheIsoFormItWasParsedFrom(String iso) {
        assertThat(ServicePeriodParser.parse(iso)).hasToString(iso);
    }

    @ParameterizedTest
    @CsvSource({
        "P1M, 1, 0, 0",
        "P3M, 3, 0, 0",
        "P1Y, 12, 0, 0",
        "P12M, 12, 0, 0",
        "P18M, 18, 0, 0",
        "P10D, 0, 10, 0",
        "P2W, 0, 14, 0",
        "PT12H, 0, 0, 12",
        "P1M10D, 1, 10, 0",
        "P1DT12H, 0, 1, 12",
        "p1y2m3dt4h, 14, 3, 4",
        "' P1M ', 1, 0, 0"
    })
    void readsMonthsDaysAndHours(String iso, int months, int days, int hours) {
        assertThat(ServicePeriodParser.parse(iso)).isEqualTo(new ServicePeriod(months, days, hours));
    }

    @ParameterizedTest
    @CsvSource({"P12M, P1Y", "P18M, P1Y6M", "P2W, P14D", "p1m, P1M"})
    void writesTheCanonicalForm(String iso, String canonical) {
        assertThat(ServicePeriodParser.parse(iso)).hasToString(canonical);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void rejectsAnEmptyPeriod(String iso) {
        assertThatThrownBy(() -> ServicePeriodParser.parse(iso))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is empty")
                .hasMessageContaining("such as P1M");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1M | must start with P | P1M",
                "P | has no amount after P | P1M",
                "P0D | is zero | PT1H",
                "PT0H | is zero | PT1H",
                "P0Y0M0DT0H | is zero | PT1H",
                "-P1M | is negative | P1M",
                "P-1M | is negative | P1M",
                "P1M-1D | is negative | P1M",
                "PT30M | minutes or seconds | PT12H",
                "PT1H30M | minutes or seconds | PT12H",
                "PT45S | minutes or seconds | PT12H",
                "P1S | minutes or seconds | PT12H",
                "P1.5M | fraction | P1M15D",
                "PT1,5H | fraction | PT36H",
                "P1W2D | mixes weeks | P9D",
                "P1M1W | mixes weeks | P9D",
                "P1WT12H | mixes weeks | P9D",
                "P1D1M | out of order | P1Y2M10DT12H",
                "P1M1M | repeats a unit | P1Y2M10DT12H",
                "PT1H2H | repeats a unit | P1Y2M10DT12H",
                "P1DT | T but no hours | P1DT12H",
                "PT | T but no hours | P1DT12H",
                "P1DTT1H | T twice | P1DT12H",
                "P1H | hours before T | PT12H",
                "PT1D | after T | P1DT12H",
                "P1X | unknown unit 'X' | P1M10D",
                "PT1X | unknown unit 'X' | PT12H",
                "P1 | without a unit | P10D",
                "PM | where a number was expected | P1M10D",
                "P 1M | where a number was expected | P1M10D",
                "P99999999999999999999M | too large | P100Y",
                "P999999999Y | too large | P100Y"
            })
    void rejectsWhatIsNotAServicePeriodSayingWhyAndHowToWriteIt(String iso, String problem, String example) {
        assertThatThrownBy(() -> ServicePeriodParser.parse(iso))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + iso + "'")
                .hasMessageContaining(problem)
                .hasMessageContaining("such as " + example);
    }
}
