#ifndef PAGEAUDIT_CCRYPTO_SHIM_H
#define PAGEAUDIT_CCRYPTO_SHIM_H
#include <openssl/sha.h>
#endif
