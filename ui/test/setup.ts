import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library registers its cleanup only with test globals, which this repository does not enable.
afterEach(() => cleanup());
