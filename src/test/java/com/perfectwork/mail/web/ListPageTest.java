package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListPageTest {

    /** A list of {@code size} numbers read as a module reads a table: from an offset, at most a limit. */
    private static ListPage.Rows<Integer> numbers(int size) {
        return (offset, limit) ->
                IntStream.range(0, size).skip(offset).limit(limit).boxed().toList();
    }

    @Test
    void aFullPageKnowsThereIsANextOneWithoutShowingItsFirstRow() {
        ListPage<Integer> first = ListPage.of(null, numbers(ListPage.SIZE + 1));
        assertThat(first.rows()).hasSize(ListPage.SIZE).startsWith(0).endsWith(ListPage.SIZE - 1);
        assertThat(first.hasNext()).isTrue();
        assertThat(first.hasPrevious()).isFalse();

        ListPage<Integer> second = ListPage.of(2, numbers(ListPage.SIZE + 1));
        assertThat(second.rows()).isEqualTo(List.of(ListPage.SIZE));
        assertThat(second.hasNext()).isFalse();
        assertThat(second.hasPrevious()).isTrue();
    }

    @Test
    void exactlyOnePageHasNoNextOne() {
        assertThat(ListPage.of(1, numbers(ListPage.SIZE)).hasNext()).isFalse();
    }

    @Test
    void aWrongOrHugePageNumberIsTheFirstPageOrAnEmptyOne() {
        assertThat(ListPage.of(0, numbers(3)).number()).isEqualTo(1);
        assertThat(ListPage.of(-5, numbers(3)).rows()).hasSize(3);
        ListPage<Integer> beyond = ListPage.of(Integer.MAX_VALUE, numbers(3));
        assertThat(beyond.isEmpty()).isTrue();
        assertThat(beyond.hasPrevious()).isTrue();
    }
}
