package io.lastmile.fiscal.receipt;

import static io.lastmile.fiscal.receipt.ReceiptStatus.DONE;
import static io.lastmile.fiscal.receipt.ReceiptStatus.FAILED;
import static io.lastmile.fiscal.receipt.ReceiptStatus.QUEUED;
import static io.lastmile.fiscal.receipt.ReceiptStatus.SENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lastmile.fiscal.receipt.ReceiptLifecycle.Event;
import org.junit.jupiter.api.Test;

/** One test per row of the receipt's transition table, and the moves it refuses. */
class ReceiptLifecycleTest {

    @Test
    void aQueuedReceiptTheRegistrarTookIsSent() {
        assertThat(ReceiptLifecycle.require(QUEUED, Event.ACCEPTED)).isEqualTo(SENT);
    }

    @Test
    void aQueuedReceiptStaysQueuedOnATemporaryError() {
        assertThat(ReceiptLifecycle.require(QUEUED, Event.TEMPORARY_ERROR)).isEqualTo(QUEUED);
    }

    @Test
    void aQueuedReceiptRefusedForGoodFails() {
        assertThat(ReceiptLifecycle.require(QUEUED, Event.PERMANENT_ERROR)).isEqualTo(FAILED);
    }

    @Test
    void aSentReceiptStaysSentWhileTheReportWaits() {
        assertThat(ReceiptLifecycle.require(SENT, Event.REPORT_WAIT)).isEqualTo(SENT);
    }

    @Test
    void aSentReceiptStaysSentWhenPollingFailsForNow() {
        assertThat(ReceiptLifecycle.require(SENT, Event.TEMPORARY_ERROR)).isEqualTo(SENT);
    }

    @Test
    void aSentReceiptIsDoneWhenTheReportSaysDone() {
        assertThat(ReceiptLifecycle.require(SENT, Event.REPORT_DONE)).isEqualTo(DONE);
    }

    @Test
    void aSentReceiptFailsWhenTheReportSaysFail() {
        assertThat(ReceiptLifecycle.require(SENT, Event.REPORT_FAIL)).isEqualTo(FAILED);
    }

    @Test
    void aSentReceiptFailsWhenPollingIsRefusedForGood() {
        assertThat(ReceiptLifecycle.require(SENT, Event.PERMANENT_ERROR)).isEqualTo(FAILED);
    }

    @Test
    void aFailedReceiptIsQueuedAgainOnRetry() {
        assertThat(ReceiptLifecycle.require(FAILED, Event.RETRY)).isEqualTo(QUEUED);
    }

    @Test
    void theTableHasExactlyTheseRows() {
        assertThat(ReceiptLifecycle.TABLE).hasSize(9);
    }

    @Test
    void refusesEveryOtherMove() {
        int refused = 0;
        for (ReceiptStatus from : ReceiptStatus.values()) {
            for (Event event : Event.values()) {
                boolean inTable = ReceiptLifecycle.TABLE.stream().anyMatch(t -> t.from() == from && t.event() == event);
                if (!inTable) {
                    refused++;
                    assertThat(ReceiptLifecycle.next(from, event))
                            .as(from + "/" + event)
                            .isEmpty();
                }
            }
        }
        assertThat(refused).isEqualTo(ReceiptStatus.values().length * Event.values().length - 9);
        assertThatThrownBy(() -> ReceiptLifecycle.require(DONE, Event.RETRY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DONE");
    }
}
