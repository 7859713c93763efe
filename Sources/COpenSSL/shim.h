#ifndef IMAPWATCH_COPENSSL_SHIM_H
#define IMAPWATCH_COPENSSL_SHIM_H
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#endif
