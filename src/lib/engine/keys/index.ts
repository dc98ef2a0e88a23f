export { learnKeyStyle, learnTemplate, type KeyStyle } from './key-style';
export { generateKeys } from './key-generator';
export { generateFromRegex, regexCapacity } from './regex-generator';
export { parseRegex, patternCount } from './regex-pattern';
export { uuidV4 } from './uuid';
