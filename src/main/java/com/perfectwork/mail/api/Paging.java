package com.perfectwork.mail.api;

import com.perfectwork.mail.core.InvalidInputException;

/** {@code ?offset=&limit=} on list endpoints: 200 items by default, 1000 at most. */
record Paging(Integer offset, Integer limit) {

    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 1000;

    Paging {
        if (offset != null && offset < 0) {
            throw new InvalidInputException("offset", "must be 0 or more");
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        offset = offset == null ? 0 : offset;
        limit = limit == null ? DEFAULT_LIMIT : limit;
    }
}
