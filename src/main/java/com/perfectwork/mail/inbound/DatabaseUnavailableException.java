package com.perfectwork.mail.inbound;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The database could not be reached (restarting, connections refused or cut, a failover) while a received mail was
 * processed. Like a full data directory it is the machine's failure, not the mail's: the mail is not kept as
 * {@code failed} (the database that would keep it is the one that is gone), the source is told to try again (SMTP
 * and LMTP {@code 451}, HTTP {@code 503}, a fetched mail left unread) and delivers it again once the database is
 * back; its raw bytes, already stored, are found again under their hash.
 */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(RuntimeException cause) {
        super("the database is unavailable: " + cause.getMessage(), cause);
    }

    /**
     * Whether a failure, or one of its causes, says the database itself is out of reach rather than that a
     * statement was wrong: Spring's translation of the driver's SQL states (08xxx connection, 57P01 admin
     * shutdown, 57P03 cannot connect now) and the pool's failure to open a transaction.
     */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailableException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException) {
                return true;
            }
        }
        return false;
    }
}
