// A minimal hand-written IMAP client in C: the yardstick for ProbeBench in scripts/bench.sh. It speaks the same
// dialogue as imapwatch's prober for a full probe, command for command, with blocking sockets and OpenSSL:
//   resolve (getaddrinfo, every probe), connect (each address in turn), [TLS handshake: implicit], greeting,
//   [CAPABILITY if the greeting carried none], [STARTTLS, TLS handshake, CAPABILITY: starttls],
//   AUTHENTICATE PLAIN (inline with SASL-IR, else after the continuation request), EXAMINE INBOX,
//   FETCH <newest> (RFC822.SIZE BODY.PEEK[]<0.1024>), [CAPABILITY if the login did not announce them],
//   GETQUOTAROOT INBOX, LOGOUT, close_notify.
// One SSL_CTX for the run (system trust store plus --ca-file, as the prober's context), a new SSL and a full
// verified handshake per probe. Same options and output line as ProbeBench; exits 1 on the first failed probe.
//
// `--io blocking` (the default) reads and writes a blocking socket, OpenSSL on the descriptor. `--io evented` is
// built the way imapwatch's transport is, still in C: a non-blocking socket waited on with epoll, OpenSSL over
// two memory BIOs whose bytes the client moves to and from the socket. Its cost over `blocking` is what that
// design costs by itself, with no Swift and no NIO.
//
// `--tls none --commands N` is the plaintext yardstick for NIOFloor (scripts/bench.sh): on the STARTTLS port, the
// greeting, N-1 NOOPs and LOGOUT, so as many round trips as a full probe with none of its TLS; no TLS context is made.
#define _GNU_SOURCE // strcasestr
#include <arpa/inet.h>
#include <ctype.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

struct options {
    const char *host, *port, *tls, *ca_file, *sni, *user, *password_file;
    int count, warmup, evented, commands;
    int trust_directory; // --trust-store directory: the hashed directory only, looked up lazily (as imapwatch does
                         // when SSL_CERT_FILE is unset), instead of OpenSSL's default file and directory
};

struct response {
    char text[8192]; // the response's lines joined, literal contents left out (their {n} markers stay)
    size_t length;
    long literal;    // octets of the last literal, -1 for none
};

struct session {
    int fd;
    SSL *ssl;
    int epoll, events; // --io evented: the epoll instance and the events the socket is registered for
    int eof;           // --io evented: the peer closed the socket
    BIO *in, *out;     // --io evented: OpenSSL reads the server's bytes from `in` and writes its own into `out`
    unsigned char buffer[65536];
    size_t head, tail; // unread bytes are buffer[head..<tail]
    int next_tag;
    char capabilities[4096]; // as last announced, space-separated, empty when unknown
    long exists, size, fetched;
    int quota_responses, saw_bye;
};

static int probe_index;

static _Noreturn void fail(const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    fprintf(stderr, "CProbeClient: probe %d failed: ", probe_index);
    vfprintf(stderr, format, arguments);
    va_end(arguments);
    unsigned long error = ERR_get_error();
    if (error != 0) fprintf(stderr, " (%s)", ERR_error_string(error, NULL));
    fputc('\n', stderr);
    exit(1);
}

static _Noreturn void usage(const char *problem) {
    fprintf(stderr, "CProbeClient: %s; usage: CProbeClient --host H --port P --tls implicit|starttls --ca-file CA "
                    "--user U --password-file F [--sni NAME] [--count 200] [--warmup 1] [--io blocking|evented]\n"
                    "       [--trust-store default|directory]\n"
                    "       CProbeClient --tls none --host H --port P [--commands 7] [--count 200] [--warmup 1] [--io ...]\n",
            problem);
    exit(64);
}

// ---- bytes in and out ----

// ---- evented I/O: a non-blocking socket, epoll, memory BIOs ----

// Waits until the socket is ready for `events` (EPOLLIN or EPOLLOUT), at most 10 s.
static void wait_for(struct session *s, int events) {
    if (s->events != events) {
        struct epoll_event change = {.events = (uint32_t)events, .data.fd = s->fd};
        if (epoll_ctl(s->epoll, s->events ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, s->fd, &change) != 0) fail("epoll_ctl: %m");
        s->events = events;
    }
    struct epoll_event ready;
    int n;
    while ((n = epoll_wait(s->epoll, &ready, 1, 10000)) < 0 && errno == EINTR) {}
    if (n < 1) fail("timed out waiting for the socket");
}

// Writes all of `bytes` to the non-blocking socket.
static void write_all(struct session *s, const void *bytes, size_t length) {
    for (size_t written = 0; written < length;) {
        ssize_t n = send(s->fd, (const char *)bytes + written, length - written, MSG_NOSIGNAL);
        if (n > 0) written += (size_t)n;
        else if (n < 0 && (errno == EAGAIN || errno == EINTR)) wait_for(s, EPOLLOUT);
        else fail("write failed: %m");
    }
}

// Reads what the socket has (waiting until it has something); returns 0 once the peer has closed.
static ssize_t read_some(struct session *s, void *bytes, size_t room) {
    for (;;) {
        ssize_t n = recv(s->fd, bytes, room, 0);
        if (n >= 0) return n;
        if (errno != EAGAIN && errno != EINTR) fail("read failed: %m");
        wait_for(s, EPOLLIN);
    }
}

// Sends what OpenSSL wrote into the outgoing memory BIO.
static void flush_out(struct session *s) {
    unsigned char chunk[16384];
    int n;
    while ((n = BIO_read(s->out, chunk, sizeof chunk)) > 0) write_all(s, chunk, (size_t)n);
}

// Runs one OpenSSL call (`step` returns its result) until it completes, moving bytes between the BIOs and the
// socket; returns its last result (> 0 done, else SSL_get_error's reason in *error: SSL_ERROR_ZERO_RETURN after
// the peer's close_notify, an error when the socket closed without one).
static int drive(struct session *s, int (*step)(struct session *, void *), void *argument, int *error) {
    for (;;) {
        int result = step(s, argument);
        flush_out(s);
        if (result > 0) return result;
        *error = SSL_get_error(s->ssl, result);
        if (*error != SSL_ERROR_WANT_READ) return result;
        if (s->eof) return result; // OpenSSL has seen the end of the stream and still wants more: *error says why
        unsigned char chunk[16384];
        ssize_t n = read_some(s, chunk, sizeof chunk);
        if (n == 0) {
            // The peer closed the socket: let OpenSSL read the end of the stream, so a missing close_notify is
            // an error (as over a descriptor) and a received one is SSL_ERROR_ZERO_RETURN.
            s->eof = 1;
            BIO_set_mem_eof_return(s->in, 0);
            continue;
        }
        if (BIO_write(s->in, chunk, (int)n) != (int)n) fail("BIO_write failed");
    }
}

struct transfer { void *bytes; size_t length, done; };

static int read_step(struct session *s, void *argument) {
    struct transfer *t = argument;
    return SSL_read_ex(s->ssl, t->bytes, t->length, &t->done);
}

static int write_step(struct session *s, void *argument) {
    struct transfer *t = argument;
    return SSL_write_ex(s->ssl, t->bytes, t->length, &t->done);
}

static int connect_step(struct session *s, void *argument) {
    (void)argument;
    return SSL_connect(s->ssl);
}

// ---- bytes in and out ----

// Reads more bytes into the buffer; returns 0 once the peer has closed.
static int fill(struct session *s) {
    if (s->head == s->tail) s->head = s->tail = 0;
    if (s->tail == sizeof s->buffer) {
        if (s->head == 0) fail("a response line longer than %zu octets", sizeof s->buffer);
        memmove(s->buffer, s->buffer + s->head, s->tail - s->head);
        s->tail -= s->head;
        s->head = 0;
    }
    size_t room = sizeof s->buffer - s->tail;
    if (s->ssl && s->in) {
        struct transfer t = {s->buffer + s->tail, room, 0};
        int error = 0;
        if (drive(s, read_step, &t, &error) > 0) {
            s->tail += t.done;
            return 1;
        }
        if (error == SSL_ERROR_ZERO_RETURN) return 0;
        fail("TLS read failed");
    }
    if (s->ssl) {
        size_t n = 0;
        if (SSL_read_ex(s->ssl, s->buffer + s->tail, room, &n) == 1) {
            s->tail += n;
            return 1;
        }
        if (SSL_get_error(s->ssl, 0) == SSL_ERROR_ZERO_RETURN) return 0;
        fail("TLS read failed");
    }
    ssize_t n = s->epoll >= 0 ? read_some(s, s->buffer + s->tail, room) : recv(s->fd, s->buffer + s->tail, room, 0);
    if (n < 0) fail("read failed: %m");
    s->tail += (size_t)n;
    return n > 0;
}

static void send_text(struct session *s, const char *text) {
    size_t length = strlen(text), written = 0;
    if (s->ssl && s->in) {
        struct transfer t = {(void *)text, length, 0};
        int error = 0;
        if (drive(s, write_step, &t, &error) != 1) fail("TLS write failed");
        return;
    }
    if (s->ssl) {
        if (SSL_write_ex(s->ssl, text, length, &written) != 1) fail("TLS write failed");
        return;
    }
    if (s->epoll >= 0) {
        write_all(s, text, length);
        return;
    }
    while (written < length) {
        ssize_t n = send(s->fd, text + written, length - written, MSG_NOSIGNAL);
        if (n <= 0) fail("write failed: %m");
        written += (size_t)n;
    }
}

// Appends one line (without CRLF) to r->text; returns 0 if the peer closed before a whole line.
static int read_line(struct session *s, struct response *r) {
    unsigned char *end;
    while (!(end = memchr(s->buffer + s->head, '\n', s->tail - s->head)))
        if (!fill(s)) return 0;
    size_t length = (size_t)(end - (s->buffer + s->head));
    if (length > 0 && end[-1] == '\r') length--;
    if (r->length + length >= sizeof r->text) fail("a response longer than %zu octets", sizeof r->text);
    memcpy(r->text + r->length, s->buffer + s->head, length);
    r->length += length;
    r->text[r->length] = 0;
    s->head = (size_t)(end - s->buffer) + 1;
    return 1;
}

// Reads one complete response: its lines, and each literal {n} after a line (its n octets read and counted).
static int read_response(struct session *s, struct response *r) {
    r->length = 0;
    r->text[0] = 0;
    r->literal = -1;
    for (;;) {
        size_t start = r->length;
        if (!read_line(s, r)) return 0;
        char *open = r->length > start && r->text[r->length - 1] == '}' ? strrchr(r->text + start, '{') : NULL;
        if (!open) return 1;
        char *digits_end;
        long octets = strtol(open + 1, &digits_end, 10);
        if (*digits_end == '+') digits_end++;
        if (digits_end != r->text + r->length - 1 || octets < 0 || octets > 1 << 20)
            fail("bad literal marker in: %.80s", r->text);
        for (long left = octets; left > 0;) {
            if (s->head == s->tail && !fill(s)) fail("the connection closed inside a literal");
            size_t take = s->tail - s->head < (size_t)left ? s->tail - s->head : (size_t)left;
            s->head += take;
            left -= (long)take;
        }
        r->literal = octets;
    }
}

// ---- IMAP ----

static int has_capability(const struct session *s, const char *name) {
    size_t length = strlen(name);
    for (const char *p = s->capabilities; *p;) {
        size_t word = strcspn(p, " ");
        if (word == length && strncasecmp(p, name, length) == 0) return 1;
        p += word;
        p += strspn(p, " ");
    }
    return 0;
}

// Takes the capabilities from "* CAPABILITY ..." or a [CAPABILITY ...] response code in `text`; returns 1 if any.
static int learn_capabilities(struct session *s, const char *text) {
    const char *list = NULL, *end;
    if (strncasecmp(text, "* CAPABILITY ", 13) == 0) {
        list = text + 13;
        end = list + strlen(list);
    } else {
        const char *code = strstr(text, " [CAPABILITY ");
        if (!code || !(end = strchr(code, ']'))) return 0;
        list = code + 13;
    }
    size_t length = (size_t)(end - list);
    if (length >= sizeof s->capabilities) fail("capability list too long");
    memcpy(s->capabilities, list, length);
    s->capabilities[length] = 0;
    return 1;
}

// The untagged responses a probe reads facts from: EXISTS, FETCH of the newest message, QUOTA, BYE.
static void untagged(struct session *s, const struct response *r, int is_logout) {
    const char *t = r->text + 2;
    char *after;
    long number = strtol(t, &after, 10);
    if (after != t && strcasecmp(after, " EXISTS") == 0) {
        s->exists = number;
    } else if (after != t && strncasecmp(after, " FETCH ", 7) == 0 && number == s->exists) {
        const char *size = strcasestr(after, "RFC822.SIZE ");
        if (size) s->size = strtol(size + 12, NULL, 10);
        if (strcasestr(after, "BODY[]<0> {")) s->fetched = r->literal;
    } else if (strncasecmp(t, "QUOTA ", 6) == 0) {
        s->quota_responses++;
    } else if (strncasecmp(t, "BYE", 3) == 0) {
        if (!is_logout) fail("the server said: %.200s", r->text);
        s->saw_bye = 1;
    }
}

// Sends "<tag> <command>", reads responses up to the tagged one, which must be OK. `sasl` (when not NULL) is the
// line to send at the first continuation request (AUTHENTICATE without SASL-IR). `shown` names it in errors.
// Fills `tagged` with the tagged response; returns 1 if capabilities were announced on the way.
static int command(struct session *s, const char *text, const char *shown, const char *sasl, struct response *tagged) {
    char tag[16], line[1024];
    snprintf(tag, sizeof tag, "A%03d", ++s->next_tag);
    if (snprintf(line, sizeof line, "%s %s\r\n", tag, text) >= (int)sizeof line) fail("%s: command too long", shown);
    send_text(s, line);
    int is_logout = strcmp(text, "LOGOUT") == 0, announced = 0;
    size_t tag_length = strlen(tag);
    for (;;) {
        if (!read_response(s, tagged)) {
            if (is_logout && s->saw_bye) return 0; // closing right after BYE is fine, as for the prober
            fail("%s: the server closed the connection", shown);
        }
        if (strncmp(tagged->text, "* ", 2) == 0) {
            announced |= learn_capabilities(s, tagged->text);
            untagged(s, tagged, is_logout);
        } else if (tagged->text[0] == '+') {
            if (!sasl) fail("%s: unexpected continuation request", shown);
            send_text(s, sasl);
            sasl = NULL;
        } else if (strncmp(tagged->text, tag, tag_length) == 0 && tagged->text[tag_length] == ' ') {
            if (strncasecmp(tagged->text + tag_length + 1, "OK", 2) != 0)
                fail("%s answered: %.200s", shown, tagged->text);
            return announced | learn_capabilities(s, tagged->text);
        } else {
            fail("%s: unexpected response: %.200s", shown, tagged->text);
        }
    }
}

static int is_ip_literal(const char *host) {
    unsigned char address[sizeof(struct in6_addr)];
    return inet_pton(AF_INET, host, address) == 1 || inet_pton(AF_INET6, host, address) == 1;
}

static void handshake(struct session *s, SSL_CTX *context, const char *name) {
    if (!(s->ssl = SSL_new(context))) fail("SSL_new failed");
    if (s->epoll >= 0) {
        if (!(s->in = BIO_new(BIO_s_mem())) || !(s->out = BIO_new(BIO_s_mem()))) fail("BIO_new failed");
        BIO_set_mem_eof_return(s->in, -1); // "no bytes yet", not end of file
        SSL_set_bio(s->ssl, s->in, s->out); // the SSL owns both from here
    } else if (SSL_set_fd(s->ssl, s->fd) != 1) {
        fail("SSL_set_fd failed");
    }
    // SNI for a name only (RFC 6066 has no IP addresses in it); the certificate must match the name or address.
    if (!is_ip_literal(name) && SSL_set_tlsext_host_name(s->ssl, name) != 1) fail("cannot set SNI %s", name);
    if (SSL_set1_host(s->ssl, name) != 1) fail("cannot set the host name to verify: %s", name);
    int error = 0;
    if ((s->epoll >= 0 ? drive(s, connect_step, NULL, &error) : SSL_connect(s->ssl)) != 1)
        fail("TLS handshake failed (verify: %s)", X509_verify_cert_error_string(SSL_get_verify_result(s->ssl)));
    if (SSL_get_verify_result(s->ssl) != X509_V_OK || !SSL_get0_peer_certificate(s->ssl))
        fail("the certificate is not verified");
}

static void connect_tcp(struct session *s, const struct options *o) {
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_protocol = IPPROTO_TCP};
    struct addrinfo *list;
    int status = getaddrinfo(o->host, o->port, &hints, &list);
    if (status != 0) fail("resolve %s: %s", o->host, gai_strerror(status));
    s->fd = -1;
    for (struct addrinfo *a = list; a && s->fd < 0; a = a->ai_next) {
        int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        struct timeval limit = {.tv_sec = 10}; // bounds connect, every read and every write
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (!o->evented) {
            if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) s->fd = fd; else close(fd);
            continue;
        }
        // Non-blocking: connect, wait until writable, read the outcome.
        int error = 0;
        socklen_t size = sizeof error;
        s->fd = fd;
        s->events = 0;
        if (fcntl(fd, F_SETFL, O_NONBLOCK) != 0) fail("fcntl: %m");
        if (connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
            if (errno != EINPROGRESS) error = errno;
            else {
                wait_for(s, EPOLLOUT);
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size);
            }
        }
        if (error != 0) {
            epoll_ctl(s->epoll, EPOLL_CTL_DEL, fd, NULL);
            close(fd);
            s->fd = -1;
        }
    }
    freeaddrinfo(list);
    if (s->fd < 0) fail("cannot connect to %s port %s: %m", o->host, o->port);
}

// A fresh session (the buffer is reused) on the run's one epoll instance when evented.
static struct session *new_session(const struct options *o) {
    static struct session s; // its buffer is reused; every other field starts afresh
    static int epoll = -1;   // --io evented: one epoll instance for the run, as one event loop
    if (o->evented && epoll < 0 && (epoll = epoll_create1(EPOLL_CLOEXEC)) < 0) fail("epoll_create1: %m");
    s.epoll = o->evented ? epoll : -1;
    s.events = 0;
    s.in = s.out = NULL;
    s.eof = 0;
    s.ssl = NULL;
    s.head = s.tail = 0;
    s.next_tag = s.quota_responses = s.saw_bye = 0;
    s.capabilities[0] = 0;
    return &s;
}

// --tls none: greeting, N-1 NOOPs, LOGOUT, in plaintext.
static void plain_dialogue(const struct options *o) {
    struct session *s = new_session(o);
    struct response r;
    connect_tcp(s, o);
    if (!read_response(s, &r) || strncasecmp(r.text, "* OK", 4) != 0) fail("greeting: %.200s", r.text);
    for (int i = 1; i < o->commands; i++) command(s, "NOOP", "NOOP", NULL, &r);
    command(s, "LOGOUT", "LOGOUT", NULL, &r);
    if (!s->saw_bye) fail("LOGOUT: no BYE");
    if (s->epoll >= 0) epoll_ctl(s->epoll, EPOLL_CTL_DEL, s->fd, NULL);
    close(s->fd);
}

static void probe(SSL_CTX *context, const struct options *o, const char *password) {
    if (!context) {
        plain_dialogue(o);
        return;
    }
    struct session *s = new_session(o);
    struct response r;
    ERR_clear_error();
    const char *name = o->sni ? o->sni : o->host;
    int starttls = strcmp(o->tls, "starttls") == 0;
    char line[1024];

    connect_tcp(s, o);
    if (!starttls) handshake(s, context, name);
    if (!read_response(s, &r) || strncasecmp(r.text, "* OK", 4) != 0) fail("greeting: %.200s", r.text);
    if (!learn_capabilities(s, r.text) && !command(s, "CAPABILITY", "CAPABILITY", NULL, &r))
        fail("CAPABILITY listed none");
    if (starttls) {
        if (!has_capability(s, "STARTTLS")) fail("the server does not offer STARTTLS");
        command(s, "STARTTLS", "STARTTLS", NULL, &r);
        if (s->head != s->tail) fail("%zu octets of plaintext followed the STARTTLS OK", s->tail - s->head);
        handshake(s, context, name);
        s->capabilities[0] = 0; // RFC 9051 6.2.1: forget what was said before TLS
        if (!command(s, "CAPABILITY", "CAPABILITY", NULL, &r)) fail("CAPABILITY listed none");
    }

    // AUTHENTICATE PLAIN, as the prober chooses when AUTH=PLAIN is offered (it falls back to LOGIN; we fail).
    if (!has_capability(s, "AUTH=PLAIN")) fail("the server offers no AUTH=PLAIN");
    unsigned char plain[600], encoded[801];
    size_t user = strlen(o->user), secret = strlen(password);
    if (user + secret + 2 > sizeof plain) fail("credentials too long");
    plain[0] = 0; // RFC 4616: authzid (empty) NUL user NUL password
    memcpy(plain + 1, o->user, user);
    plain[1 + user] = 0;
    memcpy(plain + 2 + user, password, secret);
    EVP_EncodeBlock(encoded, plain, (int)(user + secret + 2));
    int after_login;
    if (has_capability(s, "SASL-IR")) {
        snprintf(line, sizeof line, "AUTHENTICATE PLAIN %s", (char *)encoded);
        after_login = command(s, line, "AUTHENTICATE PLAIN", NULL, &r);
    } else {
        snprintf(line, sizeof line, "%s\r\n", (char *)encoded);
        after_login = command(s, "AUTHENTICATE PLAIN", "AUTHENTICATE PLAIN", line, &r);
    }

    s->exists = -1;
    command(s, "EXAMINE INBOX", "EXAMINE", NULL, &r);
    if (s->exists < 1) fail("EXAMINE: no EXISTS, or the mailbox is empty");
    s->size = s->fetched = -1;
    snprintf(line, sizeof line, "FETCH %ld (RFC822.SIZE BODY.PEEK[]<0.1024>)", s->exists);
    command(s, line, "FETCH", NULL, &r);
    if (s->fetched != 1024 || s->size < 1024)
        fail("FETCH: expected 1024 octets, got %ld (RFC822.SIZE %ld)", s->fetched, s->size);
    if (!after_login && !command(s, "CAPABILITY", "CAPABILITY", NULL, &r)) fail("CAPABILITY listed none");
    if (!has_capability(s, "QUOTA")) fail("the server does not offer QUOTA");
    command(s, "GETQUOTAROOT INBOX", "GETQUOTAROOT", NULL, &r);
    if (s->quota_responses == 0) fail("GETQUOTAROOT: no QUOTA response");
    command(s, "LOGOUT", "LOGOUT", NULL, &r);
    if (!s->saw_bye) fail("LOGOUT: no BYE");

    SSL_shutdown(s->ssl); // our close_notify, once, as the prober sends it
    if (s->out) flush_out(s);
    SSL_free(s->ssl);
    if (s->epoll >= 0) epoll_ctl(s->epoll, EPOLL_CTL_DEL, s->fd, NULL);
    close(s->fd);
}

// ---- the run ----

static double milliseconds(struct timespec t) { return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6; }

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return milliseconds(t);
}

// User + system CPU of the whole process, in milliseconds.
static double cpu_ms(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

// The nearest-rank percentile p (0...1) of sorted values, as ProbeBench computes it.
static double percentile(const double *values, int count, double p) {
    double exact = p * count;
    int rank = (int)exact + (exact > (int)exact);
    return values[rank < 1 ? 0 : rank > count ? count - 1 : rank - 1];
}

static int count_value(const char *text, int minimum) {
    char *end;
    long value = strtol(text, &end, 10);
    if (*end || value < minimum || value > 10000000) usage("bad --count or --warmup");
    return (int)value;
}

int main(int argc, char **argv) {
    struct options o = {.host = "127.0.0.1", .port = "143", .tls = "starttls", .count = 200, .warmup = 1, .commands = 7};
    for (int i = 1; i < argc; i += 2) {
        if (i + 1 >= argc) usage("an option needs a value");
        const char *flag = argv[i], *value = argv[i + 1];
        if (strcmp(flag, "--host") == 0) o.host = value;
        else if (strcmp(flag, "--port") == 0) o.port = value;
        else if (strcmp(flag, "--tls") == 0) o.tls = value;
        else if (strcmp(flag, "--ca-file") == 0) o.ca_file = value;
        else if (strcmp(flag, "--sni") == 0) o.sni = value;
        else if (strcmp(flag, "--user") == 0) o.user = value;
        else if (strcmp(flag, "--password-file") == 0) o.password_file = value;
        else if (strcmp(flag, "--count") == 0) o.count = count_value(value, 1);
        else if (strcmp(flag, "--warmup") == 0) o.warmup = count_value(value, 0);
        else if (strcmp(flag, "--commands") == 0) o.commands = count_value(value, 1);
        else if (strcmp(flag, "--trust-store") == 0 && (strcmp(value, "default") == 0 || strcmp(value, "directory") == 0))
            o.trust_directory = strcmp(value, "directory") == 0;
        else if (strcmp(flag, "--io") == 0 && (strcmp(value, "blocking") == 0 || strcmp(value, "evented") == 0))
            o.evented = strcmp(value, "evented") == 0;
        else usage("unknown option");
    }
    int plaintext = strcmp(o.tls, "none") == 0;
    if (!plaintext && strcmp(o.tls, "implicit") != 0 && strcmp(o.tls, "starttls") != 0) usage("bad --tls");
    if (!plaintext && (!o.user || !o.password_file || !o.ca_file))
        usage("--ca-file, --user and --password-file are required");

    char password[512] = "";
    SSL_CTX *context = NULL;
    if (!plaintext) {
        FILE *file = fopen(o.password_file, "r");
        if (!file) fail("cannot read %s: %m", o.password_file);
        size_t length = fread(password, 1, sizeof password - 1, file);
        fclose(file);
        while (length > 0 && isspace((unsigned char)password[length - 1])) length--;
        password[length] = 0;

        // One context for every probe, as the prober shares one per configuration: the system trust store plus
        // the CA file, the peer verified, TLS 1.2 at least.
        context = SSL_CTX_new(TLS_client_method());
        int trusted = context && (o.trust_directory ? SSL_CTX_set_default_verify_dir(context)
                                                    : SSL_CTX_set_default_verify_paths(context));
        if (!trusted ||
            SSL_CTX_load_verify_locations(context, o.ca_file, NULL) != 1 ||
            SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) != 1)
            fail("cannot set up the TLS context with CA file %s", o.ca_file);
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, NULL);
    }

    for (int i = 0; i < o.warmup; i++) {
        probe_index = -1 - i;
        probe(context, &o, password);
    }
    double *walls = malloc(sizeof(double) * (size_t)o.count);
    if (!walls) fail("out of memory");
    double cpu_before = cpu_ms(), wall_before = now_ms();
    for (probe_index = 0; probe_index < o.count; probe_index++) {
        double began = now_ms();
        probe(context, &o, password);
        walls[probe_index] = now_ms() - began;
    }
    double wall_total = now_ms() - wall_before, cpu_total = cpu_ms() - cpu_before;
    qsort(walls, (size_t)o.count, sizeof(double), by_value);
    printf("io=%s tls=%s port=%s probes=%d (all ok, +%d warm-up) cpu_ms_per_probe=%.3f wall_ms_median=%.3f "
           "wall_ms_p90=%.3f cpu_ms_total=%.1f wall_ms_total=%.1f\n",
           o.evented ? "evented" : "blocking", o.tls, o.port, o.count, o.warmup, cpu_total / o.count, percentile(walls, o.count, 0.5),
           percentile(walls, o.count, 0.9), cpu_total, wall_total);
    free(walls);
    if (context) SSL_CTX_free(context);
    return 0;
}
