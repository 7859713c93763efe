#ifndef IMAPWATCH_COPENSSL_SHIM_H
#define IMAPWATCH_COPENSSL_SHIM_H
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <openssl/evp.h>

/* Typed wrappers for OpenSSL macros (and macro-built constants) that Swift cannot import. */

/* SSL_set_tlsext_host_name is a macro over SSL_ctrl. Returns 1 on success. */
static inline long imapwatch_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}

/* SSL_CTX_set_min_proto_version is a macro over SSL_CTX_ctrl. Returns 1 on success. */
static inline int imapwatch_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}

/* SSL_CTX_set_max_proto_version is a macro over SSL_CTX_ctrl. Returns 1 on success. */
static inline int imapwatch_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_max_proto_version(ctx, version);
}

/* BIO_pending is a macro over BIO_ctrl. */
static inline size_t imapwatch_BIO_pending(BIO *bio) {
    return (size_t)BIO_pending(bio);
}

/* sk_X509_* are macros over OPENSSL_sk_*. */
static inline int imapwatch_sk_X509_num(const STACK_OF(X509) *stack) {
    return sk_X509_num(stack);
}

static inline X509 *imapwatch_sk_X509_value(const STACK_OF(X509) *stack, int index) {
    return sk_X509_value(stack, index);
}

/* The subjectAltName extension as a GENERAL_NAMES stack, or NULL. Free with GENERAL_NAMES_free. */
static inline GENERAL_NAMES *imapwatch_X509_subject_alt_names(const X509 *cert) {
    return (GENERAL_NAMES *)X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
}

static inline int imapwatch_sk_GENERAL_NAME_num(const GENERAL_NAMES *names) {
    return sk_GENERAL_NAME_num(names);
}

static inline const GENERAL_NAME *imapwatch_sk_GENERAL_NAME_value(const GENERAL_NAMES *names, int index) {
    return sk_GENERAL_NAME_value(names, index);
}

/* The dNSName of a GENERAL_NAME, or NULL when it is another kind of name. */
static inline const ASN1_IA5STRING *imapwatch_GENERAL_NAME_dns(const GENERAL_NAME *name) {
    return name->type == GEN_DNS ? name->d.dNSName : NULL;
}

/* The iPAddress octets (4 or 16) of a GENERAL_NAME, or NULL when it is another kind of name. */
static inline const ASN1_OCTET_STRING *imapwatch_GENERAL_NAME_ip(const GENERAL_NAME *name) {
    return name->type == GEN_IPADD ? name->d.iPAddress : NULL;
}

/* XN_FLAG_RFC2253 is built from casts Swift does not import. */
static inline unsigned long imapwatch_XN_FLAG_RFC2253(void) {
    return XN_FLAG_RFC2253;
}

/* Whether an error code from the queue says a private key does not match its certificate (ERR_GET_LIB and
   ERR_GET_REASON are inline functions over bit fields). */
static inline int imapwatch_ERR_is_key_mismatch(unsigned long code) {
    return ERR_GET_LIB(code) == ERR_LIB_X509
        && (ERR_GET_REASON(code) == X509_R_KEY_VALUES_MISMATCH || ERR_GET_REASON(code) == X509_R_KEY_TYPE_MISMATCH);
}

/* A passphrase callback that gives none and records that one was asked for in *asked (an int). */
static inline int imapwatch_refuse_passphrase(char *buffer, int size, int rwflag, void *asked) {
    (void)buffer; (void)size; (void)rwflag;
    if (asked) *(int *)asked = 1;
    return 0;
}

/* Keys read through ctx never prompt for a passphrase (OpenSSL's default reads one from the terminal or
   stdin); *asked becomes 1 when a key wanted one. Pass NULL to stop recording. */
static inline void imapwatch_SSL_CTX_refuse_passphrases(SSL_CTX *ctx, int *asked) {
    SSL_CTX_set_default_passwd_cb(ctx, imapwatch_refuse_passphrase);
    SSL_CTX_set_default_passwd_cb_userdata(ctx, asked);
}

#endif
