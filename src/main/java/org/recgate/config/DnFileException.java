package org.recgate.config;

/** The DN file cannot be used; the message names the file, the line and what is wrong. */
public class DnFileException extends RuntimeException {
    public DnFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
