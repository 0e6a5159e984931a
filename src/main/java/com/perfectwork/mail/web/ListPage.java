package com.perfectwork.mail.web;

import java.util.List;

/**
 * One page of a long list, {@code ?page=} counted from 1 (a missing or wrong number is the first page). One row
 * more than shown is fetched, so that the page knows whether a next one exists without counting the table.
 */
record ListPage<T>(List<T> rows, int number, boolean hasNext) {

    static final int SIZE = 50;

    /** How a list reads its rows: the module's {@code offset}/{@code limit} query. */
    interface Rows<T> {
        List<T> fetch(int offset, int limit);
    }

    static <T> ListPage<T> of(Integer page, Rows<T> rows) {
        // beyond the last page is an empty page, never an offset that overflows
        int number = page == null || page < 1 ? 1 : Math.min(page, Integer.MAX_VALUE / SIZE);
        List<T> fetched = rows.fetch((number - 1) * SIZE, SIZE + 1);
        return new ListPage<>(fetched.stream().limit(SIZE).toList(), number, fetched.size() > SIZE);
    }

    public boolean hasPrevious() {
        return number > 1;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
