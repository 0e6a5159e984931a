package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.outgoing.MailStatistics;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryChartTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    @Test
    void theBusiestDayIsFullHeightAndThePartsAreStackedSentFirst() {
        DeliveryChart chart = DeliveryChart.of(
                List.of(new MailStatistics.Day(DAY, 150, 40, 10), new MailStatistics.Day(DAY.plusDays(1), 50, 0, 0)));

        assertThat(chart.scale()).isEqualTo(200);
        DeliveryChart.Bar busiest = chart.bars().get(0);
        assertThat(busiest.sentHeight()).isEqualTo(120);
        assertThat(busiest.failedHeight()).isEqualTo(32);
        assertThat(busiest.bouncedHeight()).isEqualTo(8);
        assertThat(busiest.sentY()).isEqualTo(DeliveryChart.HEIGHT - 120);
        assertThat(busiest.failedY()).isEqualTo(busiest.sentY() - 32);
        assertThat(busiest.bouncedY()).isZero();
        DeliveryChart.Bar next = chart.bars().get(1);
        assertThat(next.x()).isEqualTo(DeliveryChart.BAR_WIDTH + DeliveryChart.GAP);
        assertThat(next.sentHeight()).isEqualTo(40);
        assertThat(next.title()).isEqualTo("2026-12-02: 50 sent, 0 failed, 0 bounced");
        assertThat(chart.empty()).isFalse();
    }

    @Test
    void aSingleFailureAmongThousandsStillShows() {
        DeliveryChart chart = DeliveryChart.of(List.of(new MailStatistics.Day(DAY, 100_000, 1, 0)));

        assertThat(chart.bars().get(0).failedHeight()).isEqualTo(1);
        assertThat(chart.bars().get(0).bouncedHeight()).isZero();
    }

    @Test
    void daysWithoutMailMakeAnEmptyChart() {
        DeliveryChart chart = DeliveryChart.of(
                List.of(new MailStatistics.Day(DAY, 0, 0, 0), new MailStatistics.Day(DAY.plusDays(1), 0, 0, 0)));

        assertThat(chart.empty()).isTrue();
        assertThat(chart.scale()).isEqualTo(1);
        assertThat(chart.bars()).allMatch(b -> b.sentHeight() == 0);
    }

    @Test
    void waitingTimesReadNaturally() {
        assertThat(DashboardController.waited(java.time.Duration.ofSeconds(12))).isEqualTo("12 s");
        assertThat(DashboardController.waited(java.time.Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(DashboardController.waited(java.time.Duration.ofMinutes(190)))
                .isEqualTo("3 h 10 min");
        assertThat(DashboardController.waited(java.time.Duration.ofDays(3))).isEqualTo("3 days");
    }
}
