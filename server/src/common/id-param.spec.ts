import { ArgumentMetadata, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { ConsoleValidationPipe, IdParam } from './id-param';

// The options of the global pipe (bootstrap.ts); the factory hands the errors back to compare.
const OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  stopAtFirstError: false,
  exceptionFactory: (errors) => ({ refused: JSON.parse(JSON.stringify(errors)) as unknown }),
};
const PARAM: ArgumentMetadata = { type: 'param', metatype: IdParam, data: undefined };

async function outcome(pipe: ValidationPipe, value: unknown, metadata = PARAM) {
  try {
    const result = await pipe.transform(value, metadata);
    return { accepted: result, isIdParam: result instanceof IdParam };
  } catch (error) {
    return { thrown: error };
  }
}

describe('ConsoleValidationPipe', () => {
  const values: unknown[] = [
    { id: '3f1e4a52-9c1b-4d5e-8f00-2b6c7d8e9f10' },
    { id: '3F1E4A52-9C1B-4D5E-8F00-2B6C7D8E9F10' },
    { id: '00000000-0000-0000-0000-000000000000' },
    { id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' },
    { id: '01890a5d-ac96-774b-bcce-b302099a8057' },
    { id: '3f1e4a52-9c1b-4d5e-8f00-2b6c7d8e9f1' },
    { id: '3f1e4a52-9c1b-4d5e-8f00-2b6c7d8e9f10 ' },
    { id: '3f1e4a52\u00009c1b-4d5e-8f00-2b6c7d8e9f10' },
    { id: 'not-a-uuid' },
    { id: '' },
    { id: 42 },
    { id: ['3f1e4a52-9c1b-4d5e-8f00-2b6c7d8e9f10'] },
    { id: '3f1e4a52-9c1b-4d5e-8f00-2b6c7d8e9f10', other: 'x' },
    {},
  ];

  it.each(values.map((v) => [JSON.stringify(v), v]))(
    'accepts or refuses %s exactly as the ValidationPipe does',
    async (_shown, value) => {
      const expected = await outcome(new ValidationPipe(OPTIONS), value);
      expect(await outcome(new ConsoleValidationPipe(OPTIONS), value)).toEqual(expected);
    },
  );

  it('answers a valid id without class-validator, and everything else through it', async () => {
    const slow = jest.spyOn(ValidationPipe.prototype, 'transform');
    try {
      const pipe = new ConsoleValidationPipe(OPTIONS);
      await pipe.transform({ id: '3f1e4a52-9c1b-4d5e-8f00-2b6c7d8e9f10' }, PARAM);
      expect(slow).not.toHaveBeenCalled();
      await outcome(pipe, { id: 'not-a-uuid' });
      await outcome(pipe, { id: '3f1e4a52-9c1b-4d5e-8f00-2b6c7d8e9f10' }, { ...PARAM, type: 'body' });
      expect(slow).toHaveBeenCalledTimes(2);
    } finally {
      slow.mockRestore();
    }
  });
});
