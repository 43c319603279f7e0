#include "domain/Types.h"
